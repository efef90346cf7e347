#!/usr/bin/python3
"""Checks that the desktop-integration files in an unpacked package agree.

    check_desktop_integration.py ROOT VERSION

ROOT is the package unpacked (dpkg-deb -x). The validators check each file's
own format; this checks what they cannot: that the metainfo's id, launchable,
icon and binaries name files the package really installs, that its newest
release is VERSION, and that the .desktop file and the systemd unit start
programs the package installs.
"""
import configparser
import os
import sys
import xml.etree.ElementTree as ET

problems = []


def check(ok, message):
    if not ok:
        problems.append(message)


def main(root, version):
    usr = os.path.join(root, "usr")
    metainfos = os.listdir(os.path.join(usr, "share/metainfo"))
    check(len(metainfos) == 1, f"expected one metainfo file, found {metainfos}")
    metainfo = metainfos[0]
    component = ET.parse(os.path.join(usr, "share/metainfo", metainfo)).getroot()
    app_id = component.findtext("id")
    check(metainfo == f"{app_id}.metainfo.xml", f"metainfo file {metainfo} is not named after its id {app_id}")

    launchable = component.findtext("launchable[@type='desktop-id']")
    check(launchable == f"{app_id}.desktop", f"<launchable> names {launchable}, not {app_id}.desktop")
    desktop_path = os.path.join(usr, "share/applications", f"{app_id}.desktop")
    check(os.path.isfile(desktop_path), f"the package installs no {desktop_path}")

    icon = component.findtext("icon[@type='stock']")
    check(icon == app_id, f"metainfo's stock icon is {icon}, not {app_id}")
    hicolor = os.path.join(usr, "share/icons/hicolor")
    check(os.path.isfile(os.path.join(hicolor, "scalable/apps", f"{app_id}.svg")), "no scalable SVG icon")
    for size in (16, 22, 24, 32, 48, 64, 128, 256):
        png = os.path.join(hicolor, f"{size}x{size}/apps", f"{app_id}.png")
        check(os.path.isfile(png), f"no {size}x{size} PNG icon")
        if os.path.isfile(png):
            with open(png, "rb") as f:
                header = f.read(24)
            width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
            check((width, height) == (size, size), f"{png} is {width}x{height}")

    for binary in component.iterfind("provides/binary"):
        check(os.path.isfile(os.path.join(usr, "bin", binary.text)), f"<provides> names {binary.text}, not installed")
    releases = [r.get("version") for r in component.iterfind("releases/release")]
    check(releases and releases[0] == version, f"newest <release> is {releases[:1]}, the package is {version}")
    screenshots = component.findall("screenshots/screenshot")
    check(len(screenshots) >= 1, "no screenshots")
    check(sum(1 for s in screenshots if s.get("type") == "default") == 1, "not exactly one default screenshot")

    if os.path.isfile(desktop_path):
        desktop = configparser.ConfigParser(interpolation=None)
        desktop.optionxform = str
        desktop.read(desktop_path)
        entry = desktop["Desktop Entry"]
        check(entry.get("Icon") == app_id, f"the .desktop file's Icon is {entry.get('Icon')}, not {app_id}")
        program = entry.get("Exec", "").split()[0]
        check(os.path.isfile(os.path.join(usr, "bin", program)), f"the .desktop file runs {program}, not installed")

    unit = configparser.ConfigParser(interpolation=None)
    unit.optionxform = str
    unit.read(os.path.join(usr, "lib/systemd/user/dynadesk-server.service"))
    exec_start = unit.get("Service", "ExecStart", fallback="").split()
    check(exec_start and os.path.isfile(root + exec_start[0]),
          f"the systemd unit starts {exec_start[:1]}, which the package does not install")

    for problem in problems:
        print("FAIL:", problem, file=sys.stderr)
    if not problems:
        print(f"{app_id}: metainfo, .desktop file, icons and systemd unit agree")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))

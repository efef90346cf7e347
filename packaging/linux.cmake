# Linux: desktop integration installed next to the two programs, and CPack's
# Debian package (the one CI builds, checks and installs: tests/packaging) and
# tarball. Paths are relative to the install prefix, which is /usr in the
# Debian package (CPack's DEB default). packaging/README.md gives the reasons.
set(src ${CMAKE_CURRENT_LIST_DIR})
set(out ${CMAKE_BINARY_DIR}/packaging)

install(FILES ${src}/${DYNADESK_APP_ID}.desktop DESTINATION share/applications)
install(FILES ${src}/${DYNADESK_APP_ID}.metainfo.xml DESTINATION share/metainfo)
# User units live in /usr/lib/systemd/user on every distribution (not libdir).
install(FILES ${src}/dynadesk-server.service DESTINATION lib/systemd/user)
install(FILES ${src}/copyright DESTINATION share/doc/dynadesk)

# Icons: the hand-drawn SVG is the only source. It is installed as the scalable
# icon, and rendered to PNG at build time for desktops that want bitmaps.
set(app_svg ${PROJECT_SOURCE_DIR}/resources/icons/app-dynadesk.svg)
install(FILES ${app_svg} DESTINATION share/icons/hicolor/scalable/apps RENAME ${DYNADESK_APP_ID}.svg)
find_program(DYNADESK_RSVG_CONVERT rsvg-convert)
if(NOT DYNADESK_RSVG_CONVERT)
  message(FATAL_ERROR "rsvg-convert (Debian's librsvg2-bin) is needed to render the app icon (scripts/install-deps.sh)")
endif()
set(generated)
foreach(size 16 22 24 32 48 64 128 256)
  set(png ${out}/icons/${size}/${DYNADESK_APP_ID}.png)
  add_custom_command(OUTPUT ${png}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${out}/icons/${size}
    COMMAND ${DYNADESK_RSVG_CONVERT} --width ${size} --height ${size} --output ${png} ${app_svg}
    DEPENDS ${app_svg}
    COMMENT "Rendering the app icon at ${size}x${size}")
  install(FILES ${png} DESTINATION share/icons/hicolor/${size}x${size}/apps)
  list(APPEND generated ${png})
endforeach()

# Man pages and the changelog, gzipped as Debian policy asks; -n keeps the
# file name and time out of the gzip header, so builds are reproducible.
foreach(page dynadesk dynadesk-server)
  configure_file(${src}/man/${page}.1.in ${out}/man/${page}.1 @ONLY)
  add_custom_command(OUTPUT ${out}/man/${page}.1.gz
    COMMAND gzip -9 -n -c ${out}/man/${page}.1 > ${out}/man/${page}.1.gz
    DEPENDS ${out}/man/${page}.1
    COMMENT "Compressing the ${page}(1) man page")
  install(FILES ${out}/man/${page}.1.gz DESTINATION share/man/man1)
  list(APPEND generated ${out}/man/${page}.1.gz)
endforeach()
add_custom_command(OUTPUT ${out}/changelog.gz
  COMMAND gzip -9 -n -c ${src}/changelog > ${out}/changelog.gz
  DEPENDS ${src}/changelog
  COMMENT "Compressing the package changelog")
install(FILES ${out}/changelog.gz DESTINATION share/doc/dynadesk)
list(APPEND generated ${out}/changelog.gz)

# Part of the default build, so `cmake --install` and `cpack` find them made.
add_custom_target(dynadesk_packaging_files ALL DEPENDS ${generated})

set(CPACK_GENERATOR DEB TGZ)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # dynadesk_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Library dependencies are computed by dpkg-shlibdeps from the binaries.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# ...which cannot see plugins Qt loads at run time: the workbench draws its
# icons through Qt's SVG icon engine and image plugin, in libqt6svg6.
set(CPACK_DEBIAN_PACKAGE_DEPENDS libqt6svg6)

# Packages, through CPack: what every package shares, then the platform's own
# file (linux.cmake: the Debian package and a tarball; windows.cmake and
# macos.cmake: written down but untested here). Included from the top-level
# CMakeLists.txt after the programs' targets exist. `cpack` in the build folder
# makes the packages; packaging/README.md explains the choices.
set(DYNADESK_APP_ID io.dynadesk.Dynadesk)  # the .desktop, metainfo and icon name; app/gui_main.cpp's desktop file name
set(DYNADESK_HOMEPAGE "https://dynadesk.io/")  # a placeholder until the project has a public home
set(DYNADESK_MAINTAINER "Dynadesk maintainers <maintainers@dynadesk.io>")

set(CPACK_PACKAGE_NAME dynadesk)
set(CPACK_PACKAGE_VENDOR "The Dynadesk maintainers")
set(CPACK_PACKAGE_CONTACT "${DYNADESK_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${DYNADESK_HOMEPAGE}")
# Debian wants a synopsis without a leading article (lintian), so not PROJECT_DESCRIPTION.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop workbench for Amazon DynamoDB")
set(CPACK_PACKAGE_DESCRIPTION
"Dynadesk is a native desktop workbench for Amazon DynamoDB, built around its
own embedded engine: a DynamoDB that lives in one folder on your disk, on
LMDB, speaking DynamoDB's API exactly. The engine serves DynamoDB's HTTP API
on 127.0.0.1, so unmodified boto3, AWS CLI and AWS SDK code runs against it.
.
This package contains the workbench (dynadesk), with a live item browser, an
item editor and table dialogs, and the headless server (dynadesk-server),
with a systemd user unit to run it in the background.")
# Release builds carry debugging information; the packages do not need it.
set(CPACK_STRIP_FILES ON)

if(WIN32)
  include(${CMAKE_CURRENT_LIST_DIR}/windows.cmake)
elseif(APPLE)
  include(${CMAKE_CURRENT_LIST_DIR}/macos.cmake)
else()
  include(${CMAKE_CURRENT_LIST_DIR}/linux.cmake)
endif()

include(CPack)

# Windows: an NSIS installer with Qt's DLLs deployed next to dynadesk.exe.
# UNTESTED HERE: written down for when the sources build on Windows, which
# they do not yet (core/server and app/server_main.cpp use POSIX sockets and
# signals). packaging/README.md lists the steps and what remains unknown.

# A window program, not a console one; and the app icon inside the .exe.
set_target_properties(dynadesk PROPERTIES WIN32_EXECUTABLE ON)
find_program(DYNADESK_MAGICK magick REQUIRED)  # ImageMagick 7, renders the SVG into the .ico
set(app_ico ${CMAKE_BINARY_DIR}/packaging/dynadesk.ico)
add_custom_command(OUTPUT ${app_ico}
  COMMAND ${DYNADESK_MAGICK} -background none ${PROJECT_SOURCE_DIR}/resources/icons/app-dynadesk.svg
          -define icon:auto-resize=256,64,48,32,16 ${app_ico}
  DEPENDS ${PROJECT_SOURCE_DIR}/resources/icons/app-dynadesk.svg
  COMMENT "Rendering the app icon as a Windows .ico")
configure_file(${CMAKE_CURRENT_LIST_DIR}/windows/dynadesk.rc.in ${CMAKE_BINARY_DIR}/packaging/dynadesk.rc @ONLY)
target_sources(dynadesk PRIVATE ${CMAKE_BINARY_DIR}/packaging/dynadesk.rc ${app_ico})

# windeployqt, run by Qt's deploy script at install time, copies the Qt DLLs
# and plugins (platforms/qwindows, iconengines/qsvgicon, imageformats/qsvg)
# into bin/. Qt 6.4's signature; Qt 6.5 renamed FILENAME_VARIABLE to OUTPUT_SCRIPT.
qt_generate_deploy_app_script(TARGET dynadesk FILENAME_VARIABLE deploy_script)
install(SCRIPT ${deploy_script})
# LMDB and OpenSSL are not Qt's: their DLLs come from the package manager that
# provided them (vcpkg's imported targets know them).
install(FILES $<TARGET_RUNTIME_DLLS:dynadesk-server> DESTINATION bin OPTIONAL)

set(CPACK_GENERATOR NSIS)
set(CPACK_PACKAGE_INSTALL_DIRECTORY Dynadesk)
set(CPACK_PACKAGE_EXECUTABLES dynadesk Dynadesk)  # a Start menu shortcut named Dynadesk
set(CPACK_NSIS_DISPLAY_NAME Dynadesk)
set(CPACK_NSIS_PACKAGE_NAME Dynadesk)
set(CPACK_NSIS_MUI_ICON ${app_ico})
set(CPACK_NSIS_MUI_UNIICON ${app_ico})
set(CPACK_NSIS_INSTALLED_ICON_NAME bin\\\\dynadesk.exe)
set(CPACK_NSIS_URL_INFO_ABOUT "${DYNADESK_HOMEPAGE}")
set(CPACK_NSIS_CONTACT "${DYNADESK_MAINTAINER}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
# Lets a terminal find dynadesk-server.exe; the workbench needs no PATH entry.
set(CPACK_NSIS_MODIFY_PATH ON)

# macOS: Dynadesk.app in a drag-and-drop disk image, with Qt's frameworks
# deployed into the bundle. UNTESTED HERE (no macOS machine): written down so
# the steps are known; packaging/README.md lists them and what remains unknown.

# The workbench becomes Dynadesk.app, with our Info.plist (bundle id = app id).
set(app_icns ${CMAKE_BINARY_DIR}/packaging/Dynadesk.icns)
set_target_properties(dynadesk PROPERTIES
  MACOSX_BUNDLE ON
  OUTPUT_NAME Dynadesk
  MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_LIST_DIR}/macos/Info.plist.in
  MACOSX_BUNDLE_GUI_IDENTIFIER ${DYNADESK_APP_ID}
  MACOSX_BUNDLE_BUNDLE_NAME Dynadesk
  MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
  MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
  MACOSX_BUNDLE_ICON_FILE Dynadesk.icns
  MACOSX_BUNDLE_COPYRIGHT "The Dynadesk maintainers")
target_sources(dynadesk PRIVATE ${app_icns})
set_source_files_properties(${app_icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)

# The .icns is made from the SVG: rsvg-convert (Homebrew's librsvg) renders
# the sizes an iconset needs, iconutil (part of macOS) packs them.
find_program(DYNADESK_RSVG_CONVERT rsvg-convert REQUIRED)
set(iconset ${CMAKE_BINARY_DIR}/packaging/Dynadesk.iconset)
set(render_commands)
foreach(size 16 32 128 256 512)
  math(EXPR double "${size} * 2")
  list(APPEND render_commands
    COMMAND ${DYNADESK_RSVG_CONVERT} -w ${size} -h ${size} -o ${iconset}/icon_${size}x${size}.png ${PROJECT_SOURCE_DIR}/resources/icons/app-dynadesk.svg
    COMMAND ${DYNADESK_RSVG_CONVERT} -w ${double} -h ${double} -o ${iconset}/icon_${size}x${size}@2x.png ${PROJECT_SOURCE_DIR}/resources/icons/app-dynadesk.svg)
endforeach()
add_custom_command(OUTPUT ${app_icns}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${iconset}
  ${render_commands}
  COMMAND iconutil --convert icns --output ${app_icns} ${iconset}
  DEPENDS ${PROJECT_SOURCE_DIR}/resources/icons/app-dynadesk.svg
  COMMENT "Rendering the app icon as a macOS .icns")

# macdeployqt, run by Qt's deploy script at install time, copies the Qt
# frameworks and plugins (platforms/cocoa, iconengines, imageformats) into
# the bundle. Qt 6.4's signature; Qt 6.5 renamed FILENAME_VARIABLE to OUTPUT_SCRIPT.
# LMDB and OpenSSL from Homebrew are copied in by macdeployqt too, as
# libraries the executable links.
qt_generate_deploy_app_script(TARGET dynadesk FILENAME_VARIABLE deploy_script)
install(SCRIPT ${deploy_script})

set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME Dynadesk)
set(CPACK_DMG_FORMAT UDZO)
set(CPACK_PACKAGE_ICON ${app_icns})

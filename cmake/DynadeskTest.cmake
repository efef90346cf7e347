# One helper registers every test executable, so each unit's test is built and
# labelled the same way and ctest runs them all.
#
#   dynadesk_add_test(<name> SOURCES <files...> LIBS <targets...> [LABELS <labels...>])
#
# Tests are QtTest executables. They get the test-support folder on their include
# path and run with QT_QPA_PLATFORM=offscreen so none ever needs a display.
function(dynadesk_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} dynadesk_test_support Qt6::Test)
  add_test(NAME ${name} COMMAND ${name})
  set(labels ${ARG_LABELS})
  if(NOT labels)
    set(labels core)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${labels}"
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen" TIMEOUT 600)
endfunction()

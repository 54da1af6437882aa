# The demo: runs every example in EXAMPLES_DIR under the checked runtime
# (NN_name.checked) and shows its source-level story: the program's output
# and the checked runtime's report of the aliasing bug it demonstrates.
message("== aliasguard demo: the seed tutorials' programs on the checked ag runtime ==")
file(GLOB programs ${EXAMPLES_DIR}/[0-9][0-9]_*.checked)
list(SORT programs)
foreach(p IN LISTS programs)
  get_filename_component(name ${p} NAME_WE)
  message("\n--- ${name}")
  # exitcode=0: a report is the expected result here, not a failure.
  execute_process(COMMAND ${CMAKE_COMMAND} -E env AG_ALIAS_OPTIONS=exitcode=0 ${p}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} exited with ${rc}")
  endif()
endforeach()

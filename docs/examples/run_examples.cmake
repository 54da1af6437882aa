# The demo: runs every example in EXAMPLES_DIR and shows its source-level
# story: the program's output.
message("== aliasguard demo: the seed tutorials' programs on the ag runtime ==")
file(GLOB programs ${EXAMPLES_DIR}/[0-9][0-9]_*)
list(FILTER programs EXCLUDE REGEX "\\.")
list(SORT programs)
foreach(p IN LISTS programs)
  get_filename_component(name ${p} NAME)
  message("\n--- ${name}")
  execute_process(COMMAND ${p} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} exited with ${rc}")
  endif()
endforeach()

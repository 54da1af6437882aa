# Installs the build tree into a fresh prefix, then configures, builds and
# runs a consumer project (executable CONSUMER_EXE, default "consumer")
# against that prefix only, printing "status <exit status>" and its output.
set(prefix ${WORK_DIR}/prefix)
if(NOT CONSUMER_EXE)
  set(CONSUMER_EXE consumer)
endif()
file(REMOVE_RECURSE ${WORK_DIR})
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed: ${ARGN}\n${out}\n${err}")
  endif()
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --component Unspecified)
run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
# The consumer's own status is part of what the test checks (a checked
# program exits 23 when it reports).
execute_process(COMMAND ${WORK_DIR}/build/${CONSUMER_EXE}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("status ${rc}\n${out}${err}")

# Installs the build tree into a scratch prefix, then builds test/cmake/project
# against it in five ways and checks what the build reports:
#   1. aliasguard_check(app): the warning is printed, the build succeeds, and
#      a second build does not check again (the stamp is up to date);
#   2. aliasguard_check(app WARNINGS_AS_ERRORS): the build fails;
#   3. CMAKE_CXX_CLANG_TIDY="clang-tidy;--load=<plugin>;--checks=-*,aliasguard-*":
#      the warning is printed, the build succeeds;
#   4. the same with --warnings-as-errors=aliasguard-*: the build fails;
#   5. aliasguard_check(app CLANG_TIDY WARNINGS_AS_ERRORS): the build fails.
set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed: ${ARGN}\n${out}\n${err}")
  endif()
endfunction()

# clang-tidy reports it as an error with --warnings-as-errors.
set(finding "main\\.cpp:8:14: (warning|error): copying 'a' into 'b' shares its storage")
set(plugin ${prefix}/lib/aliasguard/AliasGuardTidyModule.so)

# case NAME EXPECT(pass|fail) [cmake -D args...]: configure and build; check
# the exit status and that the build output has the finding.
function(case name expect)
  set(build ${WORK_DIR}/${name})
  run(${CMAKE_COMMAND} -S ${PROJECT_DIR} -B ${build} -G ${GENERATOR}
      -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF ${ARGN})
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${build}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(out "${out}${err}")
  if(expect STREQUAL "pass" AND NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}: the build failed, expected it to pass:\n${out}")
  elseif(expect STREQUAL "fail" AND rc EQUAL 0)
    message(FATAL_ERROR "${name}: the build passed, expected it to fail:\n${out}")
  endif()
  if(NOT out MATCHES "${finding}")
    message(FATAL_ERROR "${name}: the build output lacks '${finding}':\n${out}")
  endif()
  message(STATUS "${name}: ${expect} with the finding, as expected")
  set(last_build ${build} PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --component Unspecified)

case(cli pass -DMODE=cli)
# Up to date: no second check, no second warning.
execute_process(COMMAND ${CMAKE_COMMAND} --build ${last_build}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(FIND "${out}${err}" "warning:" at)
if(NOT rc EQUAL 0 OR NOT at EQUAL -1)
  message(FATAL_ERROR "cli: the second build re-ran the check or failed:\n${out}${err}")
endif()

case(cli-werror fail -DMODE=cli -DWERROR=ON)
# CMAKE_CXX_CLANG_TIDY is a list: given through an initial-cache file, since a
# -D argument would be split at its semicolons on the way to execute_process.
file(WRITE ${WORK_DIR}/tidy.cmake
  "set(CMAKE_CXX_CLANG_TIDY \"${CLANG_TIDY};--load=${plugin};--checks=-*,aliasguard-*\" CACHE STRING \"\")\n")
file(WRITE ${WORK_DIR}/tidy-werror.cmake
  "set(CMAKE_CXX_CLANG_TIDY \"${CLANG_TIDY};--load=${plugin};--checks=-*,aliasguard-*;--warnings-as-errors=aliasguard-*\" CACHE STRING \"\")\n")
case(clang-tidy pass -DMODE=none -C ${WORK_DIR}/tidy.cmake)
case(clang-tidy-werror fail -DMODE=none -C ${WORK_DIR}/tidy-werror.cmake)
case(function-clang-tidy fail -DMODE=clang-tidy -DWERROR=ON -DALIASGUARD_CLANG_TIDY=${CLANG_TIDY})
message("aliasguard_check: all 5 cases passed")

# AliasGuard.cmake - run the aliasguard checker on a target's sources as part
# of the build. Shipped with the package: `find_package(aliasguard)` includes
# it; in the aliasguard tree itself, include(cmake/AliasGuard.cmake).
#
#   aliasguard_check(<target>
#                    [WARNINGS_AS_ERRORS]
#                    [CHECKS <globs>] [HEADER_FILTER <regex>] [MODEL <file>]
#                    [CONFIG_FILE <file>] [EXTRA_ARGS <arg>...]
#                    [CLANG_TIDY])
#
# Default mode: one custom command per C++ source of <target>, run by a
# target `aliasguard_<target>` that is part of `all` and is built after
# <target> (so generated headers exist). Each command runs
#   aliasguard --quiet -p <build dir> [options] <source>
# and touches a stamp file on success; it re-runs when the source, the
# options, or the target's compile command (compile_commands.json, turned on
# for <target> by this function) change. The flags are exactly the
# compiler's: include directories, definitions, options, -std from
# CXX_STANDARD / compile features. Warnings are printed once, like compiler
# warnings; with WARNINGS_AS_ERRORS a finding fails the build. Needs a
# Makefile or Ninja generator (compile_commands.json). With Ninja, editing
# only a header does not re-run the check (the stamp depends on the source);
# the CLANG_TIDY mode does not have that limit.
#
# CLANG_TIDY: instead, set <target>'s CXX_CLANG_TIDY to
#   clang-tidy-19 --load=<AliasGuardTidyModule> --checks=-*,aliasguard-*
# (plus --warnings-as-errors=aliasguard-* with WARNINGS_AS_ERRORS): the
# checks run inside each compile step, with its exact flags and header
# dependencies. Options go in .clang-tidy (CheckOptions ModelFile /
# AnalyzeHeaders); CHECKS replaces the check globs.
#
# Variables consulted (the package config sets the first two):
#   ALIASGUARD_EXECUTABLE   the aliasguard CLI (else the `aliasguard` target
#                           of this tree, else found on PATH)
#   ALIASGUARD_TIDY_MODULE  the clang-tidy plugin (else the in-tree target)
#   ALIASGUARD_CLANG_TIDY   clang-tidy 19 (else found as clang-tidy-19)
include_guard(GLOBAL)

function(aliasguard_check target)
  cmake_parse_arguments(PARSE_ARGV 1 AG "WARNINGS_AS_ERRORS;CLANG_TIDY"
    "CHECKS;HEADER_FILTER;MODEL;CONFIG_FILE" "EXTRA_ARGS")
  if(AG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "aliasguard_check(${target}): unknown arguments: ${AG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "aliasguard_check: '${target}' is not a target")
  endif()

  if(AG_CLANG_TIDY)
    _aliasguard_clang_tidy(${target})
    return()
  endif()

  # The checker: the package's, this tree's, or one on PATH.
  set(exe_depends "")
  if(ALIASGUARD_EXECUTABLE)
    set(exe "${ALIASGUARD_EXECUTABLE}")
    set(exe_depends "${ALIASGUARD_EXECUTABLE}")
  elseif(TARGET aliasguard)
    set(exe "$<TARGET_FILE:aliasguard>")
    set(exe_depends aliasguard)
  else()
    find_program(ALIASGUARD_EXECUTABLE aliasguard)
    if(NOT ALIASGUARD_EXECUTABLE)
      message(FATAL_ERROR "aliasguard_check: aliasguard not found; set ALIASGUARD_EXECUTABLE")
    endif()
    set(exe "${ALIASGUARD_EXECUTABLE}")
    set(exe_depends "${ALIASGUARD_EXECUTABLE}")
  endif()
  if(NOT CMAKE_GENERATOR MATCHES "Makefiles|Ninja")
    message(FATAL_ERROR "aliasguard_check: the generator '${CMAKE_GENERATOR}' writes no "
      "compile_commands.json; use Ninja or a Makefile generator, or CLANG_TIDY mode")
  endif()
  set_property(TARGET ${target} PROPERTY EXPORT_COMPILE_COMMANDS ON)

  set(args --quiet -p "${CMAKE_BINARY_DIR}")
  if(AG_WARNINGS_AS_ERRORS)
    list(APPEND args --warnings-as-errors)
  endif()
  if(DEFINED AG_CHECKS)
    list(APPEND args "--checks=${AG_CHECKS}")
  endif()
  if(DEFINED AG_HEADER_FILTER)
    list(APPEND args "--header-filter=${AG_HEADER_FILTER}")
  endif()
  set(extra_depends "")
  if(DEFINED AG_MODEL)
    get_filename_component(model "${AG_MODEL}" ABSOLUTE)
    list(APPEND args "--model=${model}")
    list(APPEND extra_depends "${model}")
  endif()
  if(DEFINED AG_CONFIG_FILE)
    get_filename_component(config "${AG_CONFIG_FILE}" ABSOLUTE)
    list(APPEND args "--config-file=${config}")
    list(APPEND extra_depends "${config}")
  endif()
  list(APPEND args ${AG_EXTRA_ARGS})

  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  set(stamp_dir "${CMAKE_CURRENT_BINARY_DIR}/aliasguard/${target}")
  set(stamps "")
  foreach(source IN LISTS sources)
    if(source MATCHES "^\\$<") # generator expressions: not known yet
      continue()
    endif()
    get_filename_component(source "${source}" ABSOLUTE BASE_DIR "${source_dir}")
    get_source_file_property(language "${source}" LANGUAGE)
    if(NOT language STREQUAL "CXX" AND NOT source MATCHES "\\.(cpp|cc|cxx|c\\+\\+|C)$")
      continue()
    endif()
    file(RELATIVE_PATH name "${source_dir}" "${source}")
    string(REPLACE ".." "__" name "${name}")
    set(stamp "${stamp_dir}/${name}.stamp")
    add_custom_command(OUTPUT "${stamp}"
      COMMAND ${exe} ${args} "${source}"
      COMMAND ${CMAKE_COMMAND} -E touch "${stamp}"
      DEPENDS "${source}" ${exe_depends} ${extra_depends}
              "${CMAKE_BINARY_DIR}/compile_commands.json"
      IMPLICIT_DEPENDS CXX "${source}"
      COMMENT "aliasguard ${name}"
      VERBATIM)
    list(APPEND stamps "${stamp}")
  endforeach()
  if(NOT stamps)
    message(WARNING "aliasguard_check(${target}): the target has no C++ sources to check")
    return()
  endif()
  add_custom_target(aliasguard_${target} ALL DEPENDS ${stamps})
  # After the target: whatever it generates or depends on exists by then.
  add_dependencies(aliasguard_${target} ${target})
endfunction()

function(_aliasguard_clang_tidy target)
  foreach(option HEADER_FILTER MODEL CONFIG_FILE EXTRA_ARGS)
    if(DEFINED AG_${option})
      message(FATAL_ERROR "aliasguard_check(${target} CLANG_TIDY): ${option} is not "
        "supported with clang-tidy; set ModelFile / AnalyzeHeaders as CheckOptions in .clang-tidy")
    endif()
  endforeach()
  if(NOT ALIASGUARD_CLANG_TIDY)
    find_program(ALIASGUARD_CLANG_TIDY NAMES clang-tidy-19 clang-tidy
                 HINTS /usr/lib/llvm-19/bin)
    if(NOT ALIASGUARD_CLANG_TIDY)
      message(FATAL_ERROR "aliasguard_check: clang-tidy-19 not found; set ALIASGUARD_CLANG_TIDY")
    endif()
  endif()
  # CMake < 3.27 takes no generator expressions in CXX_CLANG_TIDY: name the
  # in-tree plugin by its path.
  if(ALIASGUARD_TIDY_MODULE)
    set(module "${ALIASGUARD_TIDY_MODULE}")
  elseif(TARGET AliasGuardTidyModule)
    get_target_property(module_dir AliasGuardTidyModule BINARY_DIR)
    set(module "${module_dir}/AliasGuardTidyModule${CMAKE_SHARED_MODULE_SUFFIX}")
    add_dependencies(${target} AliasGuardTidyModule)
  else()
    message(FATAL_ERROR "aliasguard_check: the clang-tidy plugin was not found; set ALIASGUARD_TIDY_MODULE")
  endif()
  set(checks "-*,aliasguard-*")
  if(DEFINED AG_CHECKS)
    set(checks "${AG_CHECKS}")
  endif()
  set(tidy "${ALIASGUARD_CLANG_TIDY}" "--load=${module}" "--checks=${checks}")
  if(AG_WARNINGS_AS_ERRORS)
    list(APPEND tidy "--warnings-as-errors=aliasguard-*")
  endif()
  set_property(TARGET ${target} PROPERTY CXX_CLANG_TIDY "${tidy}")
endfunction()

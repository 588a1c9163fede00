# SPDX-License-Identifier: GPL-3.0-or-later
# Registers a Catch2 program's tests tagged [shared] with CTest; run after each build, like
# catch_discover_tests (tests/CMakeLists.txt: quire_discover_tests).
#
#   cmake -D TEST_EXECUTABLE=... -D TEST_PREFIX=... -D WORKING_DIR=... -D SHARED_DIR=...
#         -D SKIP_MARKER=... -D CTEST_FILE=... -P discover_shared_tests.cmake
#
# The file it writes decides when ctest runs: with SHARED_DIR there, each test is a CTest
# test of its own (skipped when it prints SKIP_MARKER: a file it needs is missing); without
# it, the tests are one CTest test, which ctest lists in a single line as skipped:
# "core: 4 tests skipped: ../shared is absent".
cmake_minimum_required(VERSION 3.22)

execute_process(
  COMMAND "${TEST_EXECUTABLE}" "[shared]" --list-test-names-only
  OUTPUT_VARIABLE output
  RESULT_VARIABLE result
  WORKING_DIRECTORY "${WORKING_DIR}")
if(result LESS 0)
  message(FATAL_ERROR "cannot list the tests of ${TEST_EXECUTABLE}: ${result}\n${output}")
endif()
string(REPLACE "\n" ";" names "${output}")
list(FILTER names EXCLUDE REGEX "^$")
list(LENGTH names count)

set(script "")
if(count GREATER 0)
  string(APPEND script "if(EXISTS [==[${SHARED_DIR}]==])\n")
  foreach(name IN LISTS names)
    # Catch reads commas and brackets in a test name as parts of a test spec.
    string(REGEX REPLACE "([],[])" "\\\\\\1" spec "${name}")
    string(APPEND script
      "  add_test([==[${TEST_PREFIX}${name}]==] [==[${TEST_EXECUTABLE}]==] [==[${spec}]==])\n"
      "  set_tests_properties([==[${TEST_PREFIX}${name}]==] PROPERTIES\n"
      "    WORKING_DIRECTORY [==[${WORKING_DIR}]==] SKIP_REGULAR_EXPRESSION [==[${SKIP_MARKER}]==])\n")
  endforeach()
  string(STRIP "${TEST_PREFIX}" program)
  if(count EQUAL 1)
    set(summary "${program} 1 test skipped: ../shared is absent")
  else()
    set(summary "${program} ${count} tests skipped: ../shared is absent")
  endif()
  # Run, not just declared: each test must still skip cleanly without the folder.
  string(APPEND script
    "else()\n"
    "  add_test([==[${summary}]==] [==[${TEST_EXECUTABLE}]==] [==[[shared]]==])\n"
    "  set_tests_properties([==[${summary}]==] PROPERTIES\n"
    "    WORKING_DIRECTORY [==[${WORKING_DIR}]==] SKIP_REGULAR_EXPRESSION [==[${SKIP_MARKER}]==])\n"
    "endif()\n")
endif()
file(WRITE "${CTEST_FILE}" "${script}")

# SPDX-License-Identifier: GPL-3.0-or-later
# Compiler flags of the fuzz tree (-DQUIRE_FUZZ=ON, scripts/fuzz): every library is built with
# libFuzzer's coverage and the address and undefined-behaviour sanitizers, so that a bug is
# caught where it happens inside core or search rather than where it shows in a harness.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "QUIRE_FUZZ needs clang (libFuzzer): configure with "
                      "-DCMAKE_CXX_COMPILER=clang++-14, as scripts/fuzz does")
endif()
# fuzzer-no-link for the libraries: only the harnesses link libFuzzer's main.
# Undefined behaviour stops the run instead of printing a warning nobody reads.
# _GLIBCXX_ASSERTIONS checks indices of std::vector and std::string (same ABI).
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                    -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS)
add_link_options(-fsanitize=address,undefined)

# SPDX-License-Identifier: GPL-3.0-or-later
# One library per layer, and a build step that refuses an #include the layer may not use.
#
#   quire_add_layer(<folder> [SOURCES ...] [USES <folder> ...] [PRIVATE_USES <folder> ...]
#                   [LINKS ...] [PRIVATE_LINKS ...]
#                   [ALLOW_SYSTEM <header prefix> ...] [ALLOW_SYSTEM_PRIVATE <header prefix> ...])
#
# makes the target quire_<name> (the folder's last component) from <folder>'s sources and
# links the layers it USES. Every .h and .cpp in the folder may include headers of its own
# folder and of the layers it uses, directly or through their USES; nothing else of
# Quire's. PRIVATE_USES are for the layer alone: a layer above does not see them through
# it (so that, for example, storage's SQL stays below the project layer).
# A few system headers belong to one layer alone (wx to the GUI, sqlite3.h to storage,
# xapian.h to search): elsewhere they are refused too, unless the layer ALLOWs them
# (ALLOW_SYSTEM_PRIVATE: in its .cpp files and *_internal.h headers only, so that the public
# headers stay free of them).
set(QUIRE_LAYER_CHECK_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/check_layer_includes.cmake")
set(QUIRE_GUARDED_SYSTEM_HEADERS "wx/" "sqlite3.h" "xapian")

function(quire_add_layer folder)
  cmake_parse_arguments(PARSE_ARGV 1 L "" "" "SOURCES;USES;PRIVATE_USES;LINKS;PRIVATE_LINKS;ALLOW_SYSTEM;ALLOW_SYSTEM_PRIVATE")
  get_filename_component(name "${folder}" NAME)
  set(target "quire_${name}")

  set(visible "${folder}")
  set(allowed "${folder}")
  foreach(used IN LISTS L_USES L_PRIVATE_USES)
    get_filename_component(used_name "${used}" NAME)
    get_property(used_visible GLOBAL PROPERTY "QUIRE_LAYER_VISIBLE_${used_name}")
    if(NOT used_visible)
      message(FATAL_ERROR "layer ${folder} uses ${used}, which is not defined yet")
    endif()
    list(APPEND allowed ${used_visible})
    if(used IN_LIST L_USES)
      list(APPEND visible ${used_visible})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES allowed)
  list(REMOVE_DUPLICATES visible)
  set_property(GLOBAL PROPERTY "QUIRE_LAYER_VISIBLE_${name}" "${visible}")

  file(GLOB checked CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/${folder}/*.h"
       "${PROJECT_SOURCE_DIR}/${folder}/*.cpp")
  set(stamp "${CMAKE_CURRENT_BINARY_DIR}/${name}_layer_check.stamp")
  string(REPLACE ";" "," allowed_arg "${allowed}")
  string(REPLACE ";" "," guarded_arg "${QUIRE_GUARDED_SYSTEM_HEADERS}")
  string(REPLACE ";" "," allow_system_arg "${L_ALLOW_SYSTEM}")
  string(REPLACE ";" "," allow_private_arg "${L_ALLOW_SYSTEM_PRIVATE}")
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND ${CMAKE_COMMAND} "-DLAYER=${folder}" "-DALLOWED=${allowed_arg}"
            "-DGUARDED=${guarded_arg}" "-DALLOW_SYSTEM=${allow_system_arg}"
            "-DALLOW_SYSTEM_PRIVATE=${allow_private_arg}"
            "-DROOT=${PROJECT_SOURCE_DIR}" "-DSTAMP=${stamp}" -P "${QUIRE_LAYER_CHECK_SCRIPT}"
    DEPENDS ${checked} "${QUIRE_LAYER_CHECK_SCRIPT}"
    COMMENT "Checking the includes of ${folder}"
    VERBATIM)

  if(L_SOURCES)
    add_library(${target} STATIC ${L_SOURCES} "${stamp}")
    set(scope PUBLIC)
  else()
    add_library(${target} INTERFACE)
    add_custom_target(${target}_layer_check DEPENDS "${stamp}")
    add_dependencies(${target} ${target}_layer_check)
    set(scope INTERFACE)
  endif()
  target_include_directories(${target} ${scope} "${PROJECT_SOURCE_DIR}")
  foreach(used IN LISTS L_USES)
    get_filename_component(used_name "${used}" NAME)
    target_link_libraries(${target} ${scope} "quire_${used_name}")
  endforeach()
  foreach(used IN LISTS L_PRIVATE_USES)
    get_filename_component(used_name "${used}" NAME)
    target_link_libraries(${target} PRIVATE "quire_${used_name}")
  endforeach()
  if(L_LINKS)
    target_link_libraries(${target} ${scope} ${L_LINKS})
  endif()
  if(L_PRIVATE_LINKS)
    target_link_libraries(${target} PRIVATE ${L_PRIVATE_LINKS})
  endif()
endfunction()

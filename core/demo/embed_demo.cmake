# SPDX-License-Identifier: GPL-3.0-or-later
# Writes OUTPUT, a C++ file holding the demo project's files (demo.json, codings.tsv and
# the transcripts) so that quire and quire-cli can write the demo without any data folder.
set(body "")
file(GLOB files RELATIVE "${DATA_DIR}" "${DATA_DIR}/*.json" "${DATA_DIR}/*.tsv"
     "${DATA_DIR}/transcripts/*.txt")
list(SORT files)
foreach(name IN LISTS files)
  file(READ "${DATA_DIR}/${name}" content)
  string(APPEND body "        {\"${name}\", R\"quire_demo(${content})quire_demo\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
"// Generated from core/demo/data by core/demo/embed_demo.cmake: do not edit.
#include \"core/demo/demo.h\"

namespace quire::demo {

const std::map<std::string, std::string>& embedded_files() {
    static const std::map<std::string, std::string> files = {
${body}    };
    return files;
}

}  // namespace quire::demo
")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")

# SPDX-License-Identifier: GPL-3.0-or-later
# Writes OUTPUT, a C++ file listing every schemas/NNN_*.sql as a numbered migration.
file(GLOB sql_files "${SCHEMA_DIR}/[0-9][0-9][0-9]_*.sql")
list(SORT sql_files)
set(body "")
foreach(file IN LISTS sql_files)
  get_filename_component(name "${file}" NAME)
  string(SUBSTRING "${name}" 0 3 number)
  math(EXPR version "${number}")
  file(READ "${file}" sql)
  string(APPEND body "        {${version}, R\"quire_sql(${sql})quire_sql\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
"// Generated from schemas/*.sql by core/storage/embed_migrations.cmake: do not edit.
#include \"core/storage/migrations.h\"

namespace quire::storage {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = {
${body}    };
    return all;
}

}  // namespace quire::storage
")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")

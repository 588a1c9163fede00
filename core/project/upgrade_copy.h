// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace quire::sql {
class Connection;
}

// The copy of a project file that opening keeps before an upgrade changes the file: if an
// upgrade ever goes wrong, the file as it was is still there, under a name that says so.
namespace quire::project_detail {

// Writes a complete copy of the open project `db` (what its write-ahead log holds included)
// beside it, as "<name>.v<version>.backup.quire" or, when that name is taken,
// "<name>.v<version>.backup-2.quire" and so on: no existing file is ever replaced. Returns
// the copy's path. Throws ProjectFileError, leaving no partial copy, when it cannot; the
// project file itself is only read.
std::string keep_upgrade_copy(sql::Connection& db, int version);

// Removes a copy kept for an upgrade that then failed before changing the file, so that
// opening it again does not pile up copies. Nothing throws.
void discard_upgrade_copy(const std::string& copy);

}  // namespace quire::project_detail

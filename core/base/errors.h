// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

// Typed errors thrown by the core library. Every public function of core may throw
// quire::Error or one of its subclasses; nothing else escapes except std::bad_alloc.
// Callers that only need a message catch quire::Error; front ends map the kind to a
// dialog title (GUI) or an exit code (CLI).
namespace quire {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The project file cannot be opened, is not a Quire project, is from a newer Quire,
// or SQLite reported a failure while reading or writing it.
class ProjectFileError : public Error {
public:
    using Error::Error;
};

// Another program kept the project file locked for writing longer than this one would
// wait (Project::set_wait): it is writing, or stopped while writing. Nothing was changed
// by the action that failed; trying again later is safe.
class ProjectBusyError : public ProjectFileError {
public:
    using ProjectFileError::ProjectFileError;
};

// A named or numbered entity (document, code, coder, coding...) does not exist.
class NotFoundError : public Error {
public:
    using Error::Error;
};

// An argument is malformed: an empty or out-of-range segment, a bad colour, an empty
// name, a CSV row that does not parse.
class InvalidInputError : public Error {
public:
    using Error::Error;
};

// The request contradicts the project's state: a duplicate name, deleting a code that
// is still in use without forcing, moving a code under its own descendant.
class ConflictError : public Error {
public:
    using Error::Error;
};

// A file offered for import cannot be read as the format it claims to be: undecodable
// bytes, a corrupt or non-docx archive, an unsupported extension.
class ImportError : public Error {
public:
    using Error::Error;
};

// The search index, a cache beside the project, cannot be created, written or read (a
// full disk, a folder without permission, an index damaged beyond rebuilding).
class SearchIndexError : public Error {
public:
    using Error::Error;
};

// Long work (import, indexing, agreement) stopped because its Progress returned false.
// Whatever it was writing is rolled back: the project is as before the call.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

}  // namespace quire

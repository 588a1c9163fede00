// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/project/project.h"
#include "core/project/scope.h"

// The commands of quire-cli, one function each: given the words after the command's name,
// they print to `out` (results) and `err` (progress, warnings) and return the exit status.
// Contract: they throw UsageError (app/cli/args.h) for a command line that does not fit and
// let quire::Error through; cli.cpp turns both into one stderr line and an exit status.
namespace quire::cli {

using Words = std::vector<std::string>;
struct Args;

// --code, --coder, --doc, --group, --case and --attr KEY=VALUE as a scope (commands_search.cpp).
ScopeFilter scope_from_args(Project& p, const Args& args);

// Opens the project a command works on (Project::open). While one of its changes waits for
// another program writing to the same file, the command's error stream says so.
Project open_project(const std::string& path);

// commands_project.cpp
int cmd_new(const Words& args, std::ostream& out, std::ostream& err);
int cmd_demo(const Words& args, std::ostream& out, std::ostream& err);
int cmd_info(const Words& args, std::ostream& out, std::ostream& err);
int cmd_import(const Words& args, std::ostream& out, std::ostream& err);
int cmd_docs(const Words& args, std::ostream& out, std::ostream& err);
int cmd_text(const Words& args, std::ostream& out, std::ostream& err);

// commands_codebook.cpp
int cmd_codes(const Words& args, std::ostream& out, std::ostream& err);
int cmd_code(const Words& args, std::ostream& out, std::ostream& err);
int cmd_codings(const Words& args, std::ostream& out, std::ostream& err);
int cmd_segments(const Words& args, std::ostream& out, std::ostream& err);
int cmd_codebook(const Words& args, std::ostream& out, std::ostream& err);
int cmd_coders(const Words& args, std::ostream& out, std::ostream& err);
int cmd_cases(const Words& args, std::ostream& out, std::ostream& err);

// commands_memos.cpp
int cmd_memo(const Words& args, std::ostream& out, std::ostream& err);
int cmd_memos(const Words& args, std::ostream& out, std::ostream& err);

// commands_views.cpp
int codings_edit(const Words& args, std::ostream& out, std::ostream& err);
int cmd_view(const Words& args, std::ostream& out, std::ostream& err);

// commands_journal.cpp
int cmd_undo(const Words& args, std::ostream& out, std::ostream& err);
int cmd_redo(const Words& args, std::ostream& out, std::ostream& err);
int cmd_log(const Words& args, std::ostream& out, std::ostream& err);

// commands_cases.cpp
int cmd_case(const Words& args, std::ostream& out, std::ostream& err);
int cmd_attr(const Words& args, std::ostream& out, std::ostream& err);
int cmd_attrs(const Words& args, std::ostream& out, std::ostream& err);

// commands_query.cpp
int cmd_query(const Words& args, std::ostream& out, std::ostream& err);
int cmd_queries(const Words& args, std::ostream& out, std::ostream& err);
int cmd_matrix(const Words& args, std::ostream& out, std::ostream& err);
int cmd_cooccur(const Words& args, std::ostream& out, std::ostream& err);

// commands_team.cpp
int cmd_handout(const Words& args, std::ostream& out, std::ostream& err);
int cmd_merge(const Words& args, std::ostream& out, std::ostream& err);

// commands_groups.cpp
int cmd_group(const Words& args, std::ostream& out, std::ostream& err);
int cmd_groups(const Words& args, std::ostream& out, std::ostream& err);
// The documents that the --doc and --group options choose (core/project/scope.h,
// chosen_documents): nullopt when neither is given.
std::optional<std::vector<Id>> chosen_documents(Project& p, const Args& args);

// commands_agreement.cpp
int cmd_agreement(const Words& args, std::ostream& out, std::ostream& err);
int cmd_disagreements(const Words& args, std::ostream& out, std::ostream& err);
int cmd_adopt(const Words& args, std::ostream& out, std::ostream& err);

// commands_exchange.cpp
int cmd_report(const Words& args, std::ostream& out, std::ostream& err);
int cmd_export(const Words& args, std::ostream& out, std::ostream& err);

// commands_search.cpp
int cmd_search(const Words& args, std::ostream& out, std::ostream& err);
int cmd_index(const Words& args, std::ostream& out, std::ostream& err);

}  // namespace quire::cli

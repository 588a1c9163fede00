// SPDX-License-Identifier: GPL-3.0-or-later
// Files for other tools and for readers: report (HTML) and export (REFI-QDA).
#include <ostream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/exchange/export.h"
#include "core/project/project.h"
#include "core/util/files.h"

namespace quire::cli {
namespace {

util::IfExists if_exists(const Args& args) {
    return args.flag("force") ? util::IfExists::Replace : util::IfExists::Refuse;
}

}  // namespace

int cmd_report(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"force"});
    expect_positional(args, 2, "report PROJECT OUT.html");
    Project p = open_project(args.positional[0]);
    const std::string& path = args.positional[1];
    exchange::ExportOptions options;
    options.if_exists = if_exists(args);
    options.format = exchange::ExportFormat::Html;  // whatever the name's extension
    exchange::write_export(p, exchange::ExportContent::Report, path, options);
    out << "wrote " << path << "\n";
    return 0;
}

int cmd_export(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"force"});
    expect_positional(args, 2, "export PROJECT OUT.qdpx|OUT.qdc");
    const std::string& target = args.positional[1];
    const std::string extension = util::lower_extension(target);
    if (extension != ".qdpx" && extension != ".qdc") {
        throw UsageError("export writes .qdpx (project) or .qdc (codebook), not \"" + target +
                         "\"");
    }
    exchange::ExportOptions options;
    options.if_exists = if_exists(args);
    // Refused before the project is opened: a wrong target is the first thing to hear about.
    if (options.if_exists == util::IfExists::Refuse) {
        util::refuse_existing_file(target);
    }
    Project p = open_project(args.positional[0]);
    const std::size_t codes = p.codes().size();
    const std::size_t sets = p.code_sets().size();
    if (extension == ".qdc") {
        exchange::write_export(p, exchange::ExportContent::Codebook, target, options);
        out << "wrote the codebook to " << target << " (" << codes << " codes, " << sets
            << " code sets)\n";
    } else {
        exchange::write_export(p, exchange::ExportContent::Project, target, options);
        const auto count = [](std::size_t n, const char* noun) {
            return counted(static_cast<long long>(n), noun);
        };
        out << "wrote the REFI-QDA project to " << target << " ("
            << count(p.documents().size(), "document") << ", " << count(codes, "code") << ", "
            << count(p.coders().size(), "coder") << ", " << count(p.codings().size(), "coding")
            << ", " << count(p.cases().size(), "case") << ", " << count(p.memos().size(), "memo")
            << ")\n";
    }
    return 0;
}

}  // namespace quire::cli

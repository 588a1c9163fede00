// SPDX-License-Identifier: GPL-3.0-or-later
// Files for other tools and for readers: report (HTML) and export (REFI-QDA).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/base/errors.h"
#include "core/exchange/qdpx_export.h"
#include "core/exchange/tables.h"
#include "core/project/project.h"

namespace quire::cli {

int cmd_report(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"force"});
    expect_positional(args, 2, "report PROJECT OUT.html");
    Project p = Project::open(args.positional[0]);
    const std::string& path = args.positional[1];
    if (std::filesystem::exists(path) && !args.flag("force")) {
        throw ConflictError(path + " already exists (add --force to replace it)");
    }
    const std::string html = exchange::project_report_html(p);
    std::ofstream file(path, std::ios::binary);
    file << html;
    file.close();
    if (!file) {
        throw Error("cannot write " + path);
    }
    out << "wrote " << path << "\n";
    return 0;
}

int cmd_export(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"force"});
    expect_positional(args, 2, "export PROJECT OUT.qdpx|OUT.qdc");
    const std::string& target = args.positional[1];
    std::string extension = std::filesystem::path(target).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension != ".qdpx" && extension != ".qdc") {
        throw UsageError("export writes .qdpx (project) or .qdc (codebook), not \"" + target +
                         "\"");
    }
    if (!args.flag("force") && std::filesystem::exists(target)) {
        throw ConflictError(target + " already exists (add --force to replace it)");
    }
    Project p = Project::open(args.positional[0]);
    const std::size_t codes = p.codes().size();
    const std::size_t sets = p.code_sets().size();
    if (extension == ".qdc") {
        exchange::export_qdc(p, target);
        out << "wrote the codebook to " << target << " (" << codes << " codes, " << sets
            << " code sets)\n";
    } else {
        exchange::export_qdpx(p, target);
        out << "wrote the REFI-QDA project to " << target << " (" << p.documents().size()
            << " documents, " << codes << " codes, " << p.coders().size() << " coders, "
            << p.codings().size() << " codings, " << p.cases().size() << " cases, "
            << p.memos().size() << " memos)\n";
    }
    return 0;
}

}  // namespace quire::cli

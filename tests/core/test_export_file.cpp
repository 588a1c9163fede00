// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "core/base/errors.h"
#include "core/exchange/export.h"
#include "core/exchange/qdpx_export.h"
#include "core/exchange/tables.h"
#include "core/project/project.h"
#include "core/project_agreement/report_export.h"
#include "core/project_agreement/report_file.h"
#include "core/project_agreement/run.h"
#include "core/util/files.h"
#include "tests/support/scratch.h"

namespace fs = std::filesystem;
using quire::ConflictError;
using quire::InvalidInputError;
using quire::Project;
using quire::exchange::ExportContent;
using quire::exchange::ExportFormat;
using quire::exchange::ExportOptions;
using quire::exchange::write_export;
using quire::test::ScratchDir;
using quire::util::IfExists;
using quire::util::write_file_atomically;

namespace {

// Two coders who code the same document differently: enough for every kind of export.
struct SmallProject {
    ScratchDir dir;
    Project project = Project::create(dir.path("p.quire"), "Small study");

    SmallProject() {
        const quire::Id doc =
            project.add_document("Interview", "Trust takes time.\nThen it grows.\n").document.id;
        const quire::Id code = project.add_code("Trust").id;
        const quire::Id ann = project.ensure_coder("Ann").id;
        const quire::Id ben = project.ensure_coder("Ben").id;
        project.apply_code(doc, code, ann, 0, 17);
        project.apply_code(doc, code, ben, 0, 5);
    }

    quire::agreement::AgreementRun run() {
        quire::agreement::AgreementRequest request;
        request.coders = {"Ann", "Ben"};
        return quire::agreement::run_agreement(project, request, false);
    }
};

// Writers leave nothing beside their target: no PATH.partial (XLSX, zip) and no
// PATH.XXXXXX (the atomic writer's temporary).
bool no_temporary_left(const ScratchDir& dir) {
    const std::regex temporary(R"(\.partial$|\.[A-Za-z0-9]{6}$)");
    for (const std::string& name : dir.entries()) {
        if (std::regex_search(name, temporary)) {
            return false;
        }
    }
    return true;
}

}  // namespace

TEST_CASE("lower_extension keeps the dot and lowers the case", "[files]") {
    CHECK(quire::util::lower_extension("out/Codebook.XLSX") == ".xlsx");
    CHECK(quire::util::lower_extension("archive.tar.GZ") == ".gz");
    CHECK(quire::util::lower_extension("folder.d/README").empty());
}

TEST_CASE("an atomic write refuses to replace a file unless asked", "[files]") {
    ScratchDir dir;
    const std::string path = dir.write("notes.txt", "keep me");
    try {
        write_file_atomically(path, "new");
        FAIL("an existing file was replaced");
    } catch (const ConflictError& e) {
        CHECK(std::string(e.what()) == path + " already exists (add --force to replace it)");
    }
    CHECK(dir.read("notes.txt") == "keep me");
    CHECK(no_temporary_left(dir));

    write_file_atomically(path, "new", IfExists::Replace);
    CHECK(dir.read("notes.txt") == "new");
    CHECK(no_temporary_left(dir));
}

TEST_CASE("an atomic write creates a missing file with exactly the bytes given", "[files]") {
    ScratchDir dir;
    const std::string bytes("a\0b\r\n", 5);
    write_file_atomically(dir.path("bytes.bin"), bytes);
    CHECK(dir.read("bytes.bin") == bytes);
    CHECK(dir.entries() == std::vector<std::string>{"bytes.bin"});
}

TEST_CASE("an atomic write that fails leaves the old file as it was", "[files]") {
    ScratchDir dir;
    // A name of 250 bytes exists; the temporary beside it (7 bytes longer) cannot be made.
    const std::string name = std::string(246, 't') + ".csv";
    const std::string path = dir.write(name, "old");
    CHECK_THROWS_AS(write_file_atomically(path, "new", IfExists::Replace), quire::Error);
    CHECK(dir.read(name) == "old");
    CHECK(dir.entries() == std::vector<std::string>{name});

    // Nor can a file replace a folder: the temporary goes, the folder stays.
    fs::create_directories(dir.path("folder.csv/inside"));
    CHECK_THROWS_AS(write_file_atomically(dir.path("folder.csv"), "new", IfExists::Replace),
                    quire::Error);
    CHECK(fs::is_directory(dir.path("folder.csv/inside")));
    CHECK_FALSE(fs::exists(dir.path("folder.csv.partial")));

    CHECK_THROWS_AS(write_file_atomically(dir.path("no/such/folder/x.csv"), "new"), quire::Error);
    CHECK_FALSE(fs::exists(dir.path("no")));
}

TEST_CASE("an atomic write keeps the replaced file's permissions and a user's .partial file",
          "[files]") {
    ScratchDir dir;
    const std::string path = dir.write("private.html", "old");
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    dir.write("private.html.partial", "a file of the user's");
    write_file_atomically(path, "new", IfExists::Replace);
    CHECK(dir.read("private.html") == "new");
    CHECK(fs::status(path).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(dir.read("private.html.partial") == "a file of the user's");
    CHECK(dir.entries() == std::vector<std::string>{"private.html", "private.html.partial"});
}

TEST_CASE("an atomic write follows a link and replaces the file it names", "[files]") {
    ScratchDir dir;
    const std::string real = dir.write("real.csv", "old");
    fs::create_symlink(real, dir.path("link.csv"));
    write_file_atomically(dir.path("link.csv"), "new", IfExists::Replace);
    CHECK(fs::is_symlink(dir.path("link.csv")));
    CHECK(dir.read("real.csv") == "new");
}

TEST_CASE("an atomic write writes a pipe as it is instead of replacing it", "[files]") {
    ScratchDir dir;
    const std::string fifo = dir.path("pipe");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] {
        std::ifstream in(fifo, std::ios::binary);
        received.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    });
    write_file_atomically(fifo, "through the pipe", IfExists::Replace);
    reader.join();
    CHECK(received == "through the pipe");
    CHECK(fs::is_fifo(fifo));
}

TEST_CASE("a project export picks its format by the file's extension", "[files][export]") {
    SmallProject s;
    Project& p = s.project;
    const auto written = [&](ExportContent content, const std::string& name) {
        write_export(p, content, s.dir.path(name));
        return s.dir.read(name);
    };
    CHECK(written(ExportContent::Codebook, "codebook.csv") == quire::exchange::codebook_csv(p));
    CHECK(written(ExportContent::Codebook, "codebook.MD") == quire::exchange::codebook_markdown(p));
    CHECK(written(ExportContent::Codebook, "codebook.qdc") == quire::exchange::codebook_qdc_xml(p));
    CHECK(written(ExportContent::Codebook, "codebook.xlsx").rfind("PK", 0) == 0);
    CHECK(written(ExportContent::Segments, "segments.csv") == quire::exchange::segments_csv(p));
    CHECK(written(ExportContent::Segments, "segments.xlsx").rfind("PK", 0) == 0);
    CHECK(written(ExportContent::Codings, "codings.csv") == p.export_codings_csv());
    CHECK(written(ExportContent::Report, "report.html") == quire::exchange::project_report_html(p));
    CHECK(written(ExportContent::Project, "project.qdpx").rfind("PK", 0) == 0);
    CHECK(no_temporary_left(s.dir));
}

TEST_CASE("segments export only the codings of its filter", "[files][export]") {
    SmallProject s;
    quire::CodingFilter ann;
    ann.coder_id = s.project.find_coder("Ann").id;
    ExportOptions options;
    options.segments = ann;
    write_export(s.project, ExportContent::Segments, s.dir.path("ann.csv"), options);
    CHECK(s.dir.read("ann.csv") == quire::exchange::segments_csv(s.project, ann));
    CHECK(s.dir.read("ann.csv") != quire::exchange::segments_csv(s.project));
}

TEST_CASE("a project export refuses an unknown extension and writes nothing", "[files][export]") {
    SmallProject s;
    const std::vector<std::string> before = s.dir.entries();
    try {
        write_export(s.project, ExportContent::Codebook, s.dir.path("codebook.pdf"));
        FAIL("a .pdf codebook was written");
    } catch (const InvalidInputError& e) {
        CHECK(std::string(e.what()) ==
              "the codebook is written as .qdc, .xlsx, .csv or .md, not \"" +
                  s.dir.path("codebook.pdf") + "\"");
    }
    CHECK_THROWS_AS(write_export(s.project, ExportContent::Report, s.dir.path("report")),
                    InvalidInputError);
    CHECK_THROWS_AS(write_export(s.project, ExportContent::Project, s.dir.path("p.qdc")),
                    InvalidInputError);
    CHECK(s.dir.entries() == before);
}

TEST_CASE("a project export takes a named format over the extension, if the content has it",
          "[files][export]") {
    SmallProject s;
    ExportOptions html;
    html.format = ExportFormat::Html;
    write_export(s.project, ExportContent::Report, s.dir.path("report.txt"), html);
    CHECK(s.dir.read("report.txt") == quire::exchange::project_report_html(s.project));
    CHECK_THROWS_AS(write_export(s.project, ExportContent::Codings, s.dir.path("c.html"), html),
                    InvalidInputError);
    CHECK_FALSE(fs::exists(s.dir.path("c.html")));
}

TEST_CASE("a project export refuses an existing file unless told to replace it",
          "[files][export]") {
    SmallProject s;
    const std::string path = s.dir.write("report.html", "keep me");
    CHECK_THROWS_AS(write_export(s.project, ExportContent::Report, path), ConflictError);
    CHECK_THROWS_AS(write_export(s.project, ExportContent::Project, s.dir.write("p.qdpx", "old")),
                    ConflictError);
    CHECK(s.dir.read("report.html") == "keep me");
    CHECK(s.dir.read("p.qdpx") == "old");

    ExportOptions replace;
    replace.if_exists = IfExists::Replace;
    write_export(s.project, ExportContent::Report, path, replace);
    CHECK(s.dir.read("report.html") == quire::exchange::project_report_html(s.project));
}

TEST_CASE("an agreement report file picks its format by the file's extension",
          "[files][agreement]") {
    SmallProject s;
    const quire::agreement::AgreementRun run = s.run();
    const auto written = [&](const std::string& name) {
        quire::agreement::write_report_file(run, "Small study", s.dir.path(name));
        return s.dir.read(name);
    };
    CHECK(written("agreement.json") == quire::agreement::report_json(run) + "\n");
    CHECK(written("agreement.CSV") == quire::agreement::report_csv(run));
    CHECK(written("agreement.html") == quire::agreement::report_html(run, "Small study"));
    CHECK(written("agreement.xlsx").rfind("PK", 0) == 0);
    CHECK(no_temporary_left(s.dir));
}

TEST_CASE("an agreement report file refuses unknown extensions and existing files",
          "[files][agreement]") {
    SmallProject s;
    const quire::agreement::AgreementRun run = s.run();
    CHECK_THROWS_AS(quire::agreement::write_report_file(run, "", s.dir.path("agreement.pdf")),
                    InvalidInputError);
    CHECK_FALSE(fs::exists(s.dir.path("agreement.pdf")));

    const std::string path = s.dir.write("agreement.csv", "keep me");
    CHECK_THROWS_AS(quire::agreement::write_report_file(run, "", path), ConflictError);
    CHECK(s.dir.read("agreement.csv") == "keep me");

    quire::agreement::ReportFileOptions replace;
    replace.if_exists = IfExists::Replace;
    replace.format = quire::agreement::ReportFormat::Html;
    quire::agreement::write_report_file(run, "Small study", s.dir.path("agreement.txt"), replace);
    CHECK(s.dir.read("agreement.txt") == quire::agreement::report_html(run, "Small study"));
}

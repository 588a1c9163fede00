// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz/scratch.h"

#include "core/base/errors.h"

#include "core/text/unicode.h"
#include "fuzz/check.h"

#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <system_error>

namespace quire::fuzz {

namespace {

struct ScratchFolder {
    ScratchFolder() {
        std::string name = (std::filesystem::temp_directory_path() / "quire-fuzz-XXXXXX").string();
        if (mkdtemp(name.data()) == nullptr) {
            throw std::runtime_error("cannot make a scratch folder in the temporary folder");
        }
        path = name;
    }
    ~ScratchFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::filesystem::path path;
};

}  // namespace

const std::filesystem::path& scratch_folder() {
    static const ScratchFolder folder;
    return folder.path;
}

std::string write_scratch_file(const std::filesystem::path& relative, const std::uint8_t* data,
                               std::size_t size) {
    const std::filesystem::path path = scratch_folder() / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush()) {
        throw std::runtime_error("cannot write " + path.string());
    }
    return path.string();
}

Project& scratch_project() {
    static Project project = [] {
        // The folder is made first so that it outlives the project: statics end in reverse
        // order.
        const std::filesystem::path folder = scratch_folder();
        Project p = Project::create((folder / "scratch.quire").string(), "Fuzz");
        p.add_document("Interview",
                       "Q: How did the referral start?\nA: The school raised a concern about "
                       "risk.\nQ: Café, naïve, 😀 and 日本語 too.\n");
        const Code risk = p.add_code("Risk");
        p.add_code("Trust", risk.id);
        p.ensure_coder("Alex");
        return p;
    }();
    return project;
}

void check_offset_model(Project& project) {
    for (const Document& document : project.documents()) {
        const std::string text = project.document_text(document.id);
        check(text::is_valid_utf8(text), "stored text is valid UTF-8");
        check(text.find('\r') == std::string::npos, "stored text has no CR");
        check(text::to_nfc(text) == text, "stored text is NFC");
        const std::int64_t length = text::code_point_count(text);
        CodingFilter filter;
        filter.document_id = document.id;
        for (const Coding& coding : project.codings(filter)) {
            check(0 <= coding.start && coding.start < coding.end && coding.end <= length,
                  "a coding is a non-empty range inside its document");
        }
    }
}

void import_rolled_back(const std::function<void(Project&)>& import) {
    Project& project = scratch_project();
    Project::Action untouched(project);
    try {
        import(project);
        check_offset_model(project);
    } catch (const Error&) {
        // Refused as documented; the action rolls back whatever was begun.
    }
}

}  // namespace quire::fuzz

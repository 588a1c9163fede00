// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/demo/demo.h"
#include "core/project/project.h"
#include "tests/support/scratch.h"

namespace fs = std::filesystem;
using quire::Id;
using quire::Project;
using quire::test::TempProjectPath;

namespace {

std::size_t word_count(const std::string& text) {
    std::istringstream words(text);
    std::size_t n = 0;
    for (std::string w; words >> w;) {
        ++n;
    }
    return n;
}

// "Service centre", "service_centre" and "ServiceCentre" all become "servicecentre".
std::string squash(const std::string& name) {
    std::string out;
    for (const char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
    }
    return out;
}

// The demo project is written once and shared by the tests below (read only).
class DemoProject {
public:
    DemoProject() {
        quire::demo::write_demo_project(path_.str());
        project_ = std::make_unique<Project>(Project::open(path_.str()));
    }
    Project& get() { return *project_; }

private:
    TempProjectPath path_;
    std::unique_ptr<Project> project_;
};

}  // namespace

TEST_CASE("the demo project has at least eight long transcripts", "[demo]") {
    DemoProject demo;
    Project& p = demo.get();
    const auto docs = p.documents();
    CHECK(docs.size() >= 8);
    for (const quire::Document& d : docs) {
        INFO(d.name);
        CHECK(word_count(p.document_text(d.id)) >= 1500);
    }
}

TEST_CASE("the demo codebook has eight theme codes with definitions, inclusions and exclusions",
          "[demo]") {
    DemoProject demo;
    Project& p = demo.get();
    int themes = 0;
    for (const quire::Code& c : p.codes()) {
        if (c.parent_id) {
            continue;
        }
        INFO(c.name);
        CHECK_FALSE(c.definition.empty());
        CHECK_FALSE(c.inclusion.empty());
        CHECK_FALSE(c.exclusion.empty());
        ++themes;
    }
    CHECK(themes == 8);
}

TEST_CASE("the demo has two coders who both coded every document", "[demo]") {
    DemoProject demo;
    Project& p = demo.get();
    const auto coders = p.coders();
    REQUIRE(coders.size() == 2);
    for (const quire::Document& d : p.documents()) {
        for (const quire::Coder& c : coders) {
            INFO(d.name << " / " << c.name);
            quire::CodingFilter f;
            f.document_id = d.id;
            f.coder_id = c.id;
            CHECK_FALSE(p.codings(f).empty());
        }
    }
}

TEST_CASE("the demo coders partly agree: some codings overlap without being identical", "[demo]") {
    DemoProject demo;
    Project& p = demo.get();
    const auto all = p.codings();
    int partial = 0;
    int identical = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        for (std::size_t j = i + 1; j < all.size(); ++j) {
            const quire::Coding& a = all[i];
            const quire::Coding& b = all[j];
            if (a.document_id != b.document_id || a.code_id != b.code_id ||
                a.coder_id == b.coder_id) {
                continue;
            }
            const bool overlap = a.start < b.end && b.start < a.end;
            const bool same = a.start == b.start && a.end == b.end;
            partial += overlap && !same;
            identical += same;
        }
    }
    INFO(identical << " identical pairs");
    CHECK(partial > 0);
}

TEST_CASE("every demo coding lies within its document", "[demo]") {
    DemoProject demo;
    Project& p = demo.get();
    std::map<Id, std::int64_t> lengths;
    for (const quire::Document& d : p.documents()) {
        lengths[d.id] = d.length;
    }
    const auto all = p.codings();
    REQUIRE_FALSE(all.empty());
    for (const quire::Coding& c : all) {
        CHECK(c.start >= 0);
        CHECK(c.start < c.end);
        CHECK(c.end <= lengths.at(c.document_id));
    }
}

TEST_CASE("demo cases carry role, service centre and interview type", "[demo]") {
    DemoProject demo;
    Project& p = demo.get();
    const auto cases = p.cases();
    REQUIRE_FALSE(cases.empty());
    for (const quire::Case& c : cases) {
        INFO(c.name);
        std::map<std::string, std::string> values;
        for (const auto& v : p.case_attributes(c.id)) {
            values[squash(v.attribute)] = v.value;
        }
        CHECK_FALSE(values["role"].empty());
        CHECK_FALSE(values["servicecentre"].empty());
        CHECK_FALSE(values["interviewtype"].empty());
        CHECK_FALSE(p.case_links(c.id).empty());
    }
}

TEST_CASE("write_demo_project refuses an existing file", "[demo]") {
    TempProjectPath path;
    { std::ofstream(path.str(), std::ios::binary) << "keep me"; }
    CHECK_THROWS_AS(quire::demo::write_demo_project(path.str()), quire::ConflictError);
    std::ifstream in(path.str(), std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(content == "keep me");
}

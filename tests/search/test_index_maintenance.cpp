// SPDX-License-Identifier: GPL-3.0-or-later
// Looking after the index as a cache: parallel rebuilds, folders left by killed rebuilds,
// damaged tables, and pruning the indexes of projects that are gone.
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/project/project.h"
#include "search/search.h"
#include "tests/search/index_fixture.h"

namespace fs = std::filesystem;
using quire::Project;
using quire::search::Index;
using quire::search::IndexOptions;
using quire::search::test::Fixture;

namespace {

std::vector<std::string> build_folders(const fs::path& index_folder) {
    std::vector<std::string> found;
    const std::string prefix = index_folder.filename().string() + ".";
    for (const auto& e : fs::directory_iterator(index_folder.parent_path())) {
        const std::string name = e.path().filename().string();
        if (name.compare(0, prefix.size(), prefix) == 0) {
            found.push_back(name);
        }
    }
    return found;
}

// A process id that is certainly not running: a child that has already ended.
pid_t ended_process() {
    const pid_t child = ::fork();
    if (child == 0) {
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

// Overwrites bytes in the middle of every table file, as a failing disk might.
void damage_tables(const fs::path& folder) {
    for (const auto& e : fs::directory_iterator(folder)) {
        const std::string name = e.path().filename().string();
        if (e.path().extension() != ".glass" || fs::file_size(e.path()) < 64) {
            continue;
        }
        std::fstream f(e.path(), std::ios::in | std::ios::out | std::ios::binary);
        const auto size = static_cast<std::streamoff>(fs::file_size(e.path()));
        for (std::streamoff at = 8; at < size; at += 97) {
            f.seekp(at);
            f.put(static_cast<char>(0xA5));
        }
    }
}

}  // namespace

TEST_CASE("Parallel rebuilds of one index each build in a folder of their own", "[search]") {
    Fixture f;
    const std::string path = f.project.path();
    const std::string folder = Index(f.project).stats().folder;
    std::vector<std::string> failures;
    std::mutex failures_lock;
    std::vector<std::thread> builders;
    for (int t = 0; t < 2; ++t) {
        builders.emplace_back([&] {
            try {
                Project p = Project::open(path);
                Index index(p);
                for (int i = 0; i < 4; ++i) {
                    index.rebuild();
                }
            } catch (const std::exception& e) {
                const std::lock_guard<std::mutex> hold(failures_lock);
                failures.push_back(e.what());
            }
        });
    }
    for (std::thread& t : builders) {
        t.join();
    }
    INFO((failures.empty() ? std::string() : failures.front()));
    CHECK(failures.empty());
    CHECK(build_folders(folder).empty());
    Index index(f.project);
    CHECK(f.found(index, "cafe").size() == 1);
}

TEST_CASE("A rebuild removes the folders of rebuilds whose process was killed", "[search]") {
    Fixture f;
    const std::string folder = Index(f.project).stats().folder;
    const fs::path dead = folder + ".build-" + std::to_string(ended_process()) + "-0";
    const fs::path legacy = folder + ".new";
    const fs::path alive = folder + ".build-" + std::to_string(::getpid()) + "-999";
    for (const fs::path& p : {dead, legacy, alive}) {
        fs::create_directories(p);
        std::ofstream(p / "postlist.glass") << "half written";
    }
    Index(f.project).rebuild();
    CHECK_FALSE(fs::exists(dead));
    CHECK_FALSE(fs::exists(legacy));
    CHECK(fs::exists(alive));  // this process is running: its build may still be going
    fs::remove_all(alive);
}

TEST_CASE("Tables damaged behind Quire's back are found before they are read", "[search]") {
    Fixture f;
    const std::string folder = Index(f.project).stats().folder;
    damage_tables(folder);
    Index index(f.project);
    CHECK(index.opened().rebuilt);
    CHECK_THAT(index.opened().reason, Catch::Contains("damaged"));
    CHECK(f.found(index, "cafe").size() == 1);
    CHECK(f.found(index, "risk").size() == 6);
}

TEST_CASE("index check reports a sound index as sound and rebuilds a damaged one", "[search]") {
    Fixture f;
    Index index(f.project);
    const quire::search::IndexCheck sound = index.check();
    CHECK(sound.problem.empty());
    CHECK_FALSE(sound.rebuilt.rebuilt);
    damage_tables(index.stats().folder);
    const quire::search::IndexCheck damaged = index.check();
    CHECK_THAT(damaged.problem, Catch::Contains("damaged"));
    CHECK(damaged.rebuilt.rebuilt);
    CHECK(f.found(index, "cafe").size() == 1);
    CHECK(index.check().problem.empty());
}

TEST_CASE("Pruning removes the indexes of projects that are gone and keeps the rest", "[search]") {
    quire::test::ScratchDir dir;
    const fs::path base = dir.dir() / "cache";
    const auto index_project = [&](const std::string& name) {
        Project p = Project::create(dir.path(name));
        p.add_document("Only", "Working with uncertainty.\n");
        IndexOptions options;
        options.folder = (base / p.info().guid).string();
        Index index(p, options);
        return options.folder;
    };
    const std::string kept = index_project("kept.quire");
    const std::string gone = index_project("gone.quire");
    const std::string replaced = index_project("replaced.quire");
    fs::remove(dir.path("gone.quire"));
    fs::remove(dir.path("replaced.quire"));
    Project::create(dir.path("replaced.quire"));  // another project, with another GUID
    const fs::path dead = base / ("x.build-" + std::to_string(ended_process()) + "-3");
    fs::create_directories(dead);

    const quire::search::PruneReport r = Index::prune(base.string());
    std::vector<std::string> removed;
    for (const auto& f : r.removed) {
        removed.push_back(fs::path(f.folder).filename().string());
    }
    std::sort(removed.begin(), removed.end());
    std::vector<std::string> expected{fs::path(gone).filename().string(),
                                      fs::path(replaced).filename().string(),
                                      dead.filename().string()};
    std::sort(expected.begin(), expected.end());
    CHECK(removed == expected);
    CHECK(r.kept == 1);
    CHECK(fs::exists(kept));
    CHECK_FALSE(fs::exists(gone));
    CHECK(Index::prune(base.string()).removed.empty());
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Several programs on one project file: writers take turns instead of failing, a writer that
// waits too long fails cleanly, and a process killed in the middle of coding loses nothing it
// was told was saved.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/storage/sqlite.h"
#include "core/util/ids.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::test::ScratchDir;

namespace {

constexpr std::int64_t kTextLength = 2000;

std::string integrity(const std::string& path) {
    quire::sql::Connection db(path, quire::sql::Connection::Mode::ReadWrite);
    quire::sql::Statement& s = db.prepare("PRAGMA integrity_check");
    return s.step() ? s.text(0) : "no answer";
}

struct Setup {
    Id document = 0;
    Id code = 0;
};

Setup make_project(const std::string& path) {
    Project p = Project::create(path);
    Setup s;
    s.document = p.add_document("interview", std::string(kTextLength, 'a')).document.id;
    s.code = p.add_code("Working with uncertainty").id;
    return s;
}

// One user action as the workbench does it: find or add the coder, then code a passage.
Id code_once(Project& p, const Setup& s, const std::string& coder, std::int64_t start) {
    Project::Action action(p);
    const Id coder_id = p.ensure_coder(coder).id;
    const Id id = p.apply_code(s.document, s.code, coder_id, start, start + 5).coding.id;
    action.commit();
    return id;
}

std::set<Id> stored_codings(const std::string& path) {
    Project p = Project::open(path);
    std::set<Id> ids;
    for (const quire::Coding& c : p.codings()) {
        ids.insert(c.id);
    }
    return ids;
}

}  // namespace

TEST_CASE("Two writers coding one project at once take turns and lose nothing", "[concurrency]") {
    ScratchDir dir;
    const std::string path = dir.path("shared.quire");
    const Setup setup = make_project(path);
    constexpr int kActions = 150;
    std::vector<Id> acknowledged[2];
    std::vector<std::string> failures[2];
    std::vector<std::thread> writers;
    for (int w = 0; w < 2; ++w) {
        writers.emplace_back([&, w] {
            Project p = Project::open(path);
            for (int i = 0; i < kActions; ++i) {
                try {
                    acknowledged[w].push_back(
                        code_once(p, setup, "coder " + std::to_string(w), i * 7 % 1900));
                } catch (const std::exception& e) {
                    failures[w].push_back(e.what());
                }
            }
        });
    }
    for (std::thread& t : writers) {
        t.join();
    }
    INFO((failures[0].empty() ? std::string() : failures[0].front()));
    INFO((failures[1].empty() ? std::string() : failures[1].front()));
    CHECK(failures[0].empty());
    CHECK(failures[1].empty());
    CHECK(integrity(path) == "ok");
    const std::set<Id> stored = stored_codings(path);
    for (int w = 0; w < 2; ++w) {
        for (const Id id : acknowledged[w]) {
            CHECK(stored.count(id) == 1);
        }
    }
    CHECK(stored.size() == acknowledged[0].size() + acknowledged[1].size());
}

TEST_CASE("A write action holds the file from its start", "[concurrency]") {
    ScratchDir dir;
    const std::string path = dir.path("p.quire");
    const Setup setup = make_project(path);
    Project first = Project::open(path);
    Project second = Project::open(path);
    second.set_wait(std::chrono::milliseconds(0));
    Project::Action action(first);
    // Nothing written yet by `first`, but its action has begun: a second writer must not
    // slip in and make the first one's later write fail.
    CHECK_THROWS_AS(code_once(second, setup, "B", 0), quire::ProjectBusyError);
    code_once(first, setup, "A", 10);
    action.commit();
    CHECK(code_once(second, setup, "B", 20) > 0);
}

TEST_CASE("A writer kept waiting past its limit says so, fails cleanly and changes nothing",
          "[concurrency]") {
    ScratchDir dir;
    const std::string path = dir.path("p.quire");
    const Setup setup = make_project(path);
    Project first = Project::open(path);
    Project second = Project::open(path);
    std::vector<double> notices;
    second.set_wait(std::chrono::milliseconds(1200), [&](double s) { notices.push_back(s); });
    {
        Project::Action action(first);
        code_once(first, setup, "A", 0);
        try {
            code_once(second, setup, "B", 10);
            FAIL("the second writer should have given up");
        } catch (const quire::ProjectBusyError& e) {
            CHECK_THAT(e.what(), Catch::Contains("another program is writing to"));
        }
        action.commit();
    }
    REQUIRE_FALSE(notices.empty());
    CHECK(notices.front() >= 0.5);
    const std::vector<quire::Coding> stored = second.codings();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].start == 0);
}

TEST_CASE("A read action leaves other programs free to write", "[concurrency]") {
    ScratchDir dir;
    const std::string path = dir.path("p.quire");
    const Setup setup = make_project(path);
    Project reader = Project::open(path);
    Project writer = Project::open(path);
    writer.set_wait(std::chrono::milliseconds(0));
    Project::Action snapshot(reader, Project::Action::Access::Read);
    CHECK(reader.codings().empty());
    code_once(writer, setup, "B", 0);
    CHECK(reader.codings().empty());  // one state of the file until the action ends
    snapshot.commit();
    CHECK(reader.codings().size() == 1);
}

namespace {

// A child process coding as fast as it can, reporting each coding's id on `fd` once its
// action has committed, until it is killed.
[[noreturn]] void code_until_killed(const std::string& path, const Setup& setup, int fd,
                                    int child) {
    try {
        Project p = Project::open(path);
        for (std::int64_t i = 0;; ++i) {
            const Id id = code_once(p, setup, "coder " + std::to_string(child),
                                    (i * 13 + child) % (kTextLength - 10));
            if (::write(fd, &id, sizeof id) != static_cast<ssize_t>(sizeof id)) {
                ::_exit(3);
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "coding process failed: %s\n", e.what());
        ::_exit(2);
    }
}

std::vector<Id> read_ids(int fd) {
    std::vector<Id> ids;
    Id id = 0;
    while (::read(fd, &id, sizeof id) == static_cast<ssize_t>(sizeof id)) {
        ids.push_back(id);
    }
    return ids;
}

}  // namespace

TEST_CASE("Processes killed while coding leave every acknowledged coding and a sound file",
          "[concurrency]") {
    ScratchDir dir;
    const std::string path = dir.path("p.quire");
    const Setup setup = make_project(path);
    std::mt19937 random(20261203);
    std::vector<Id> acknowledged;
    for (int round = 0; round < 8; ++round) {
        int fds[2][2];
        pid_t children[2];
        for (int c = 0; c < 2; ++c) {
            REQUIRE(::pipe(fds[c]) == 0);
            children[c] = ::fork();
            REQUIRE(children[c] >= 0);
            if (children[c] == 0) {
                ::close(fds[c][0]);
                code_until_killed(path, setup, fds[c][1], c);
            }
            ::close(fds[c][1]);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(30 + random() % 150));
        for (int c = 0; c < 2; ++c) {
            ::kill(children[c], SIGKILL);
            int status = 0;
            ::waitpid(children[c], &status, 0);
            // Killed, not ended by an error of its own.
            CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
            const std::vector<Id> ids = read_ids(fds[c][0]);
            ::close(fds[c][0]);
            acknowledged.insert(acknowledged.end(), ids.begin(), ids.end());
        }
    }
    CHECK(integrity(path) == "ok");
    const std::set<Id> stored = stored_codings(path);
    CHECK(acknowledged.size() > 20);
    for (const Id id : acknowledged) {
        CHECK(stored.count(id) == 1);
    }
}

TEST_CASE("A forked process makes GUIDs of its own", "[concurrency]") {
    (void)quire::util::new_guid();  // whatever state a generator has, the child inherits it
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        const std::string guid = quire::util::new_guid();
        const bool sent =
            ::write(fds[1], guid.data(), guid.size()) == static_cast<ssize_t>(guid.size());
        ::_exit(sent ? 0 : 1);
    }
    ::close(fds[1]);
    const std::string mine = quire::util::new_guid();
    char theirs[64] = {0};
    const ssize_t n = ::read(fds[0], theirs, sizeof theirs - 1);
    ::close(fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(n == static_cast<ssize_t>(mine.size()));
    CHECK(std::string(theirs, static_cast<std::size_t>(n)) != mine);
}

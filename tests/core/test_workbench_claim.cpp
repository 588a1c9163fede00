// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "core/util/workbench_claim.h"
#include "tests/support/scratch.h"

using quire::test::ScratchDir;
using quire::util::WorkbenchClaim;
using Outcome = WorkbenchClaim::Outcome;

namespace {

// Points XDG_RUNTIME_DIR at a scratch folder for one test, so that claims made by tests
// never meet a real workbench's.
class PrivateRuntimeDir {
public:
    PrivateRuntimeDir() {
        const char* old = std::getenv("XDG_RUNTIME_DIR");
        old_ = old ? old : "";
        had_ = old != nullptr;
        ::setenv("XDG_RUNTIME_DIR", dir_.dir().c_str(), 1);
    }
    ~PrivateRuntimeDir() {
        if (had_) {
            ::setenv("XDG_RUNTIME_DIR", old_.c_str(), 1);
        } else {
            ::unsetenv("XDG_RUNTIME_DIR");
        }
    }

private:
    ScratchDir dir_;
    std::string old_;
    bool had_ = false;
};

bool eventually(const std::atomic<int>& counter, int value) {
    for (int i = 0; i < 200 && counter.load() < value; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return counter.load() >= value;
}

}  // namespace

TEST_CASE("the first workbench claims a project and a second one asks it to come forward",
          "[claim]") {
    PrivateRuntimeDir runtime;
    ScratchDir files;
    const std::string project = files.write("study.quire", "x");
    std::atomic<int> raised{0};
    Outcome first_outcome{};
    auto first = WorkbenchClaim::claim(
        project, [&] { ++raised; }, true, first_outcome);
    REQUIRE(first_outcome == Outcome::Claimed);
    REQUIRE(first != nullptr);

    Outcome second_outcome{};
    // The same file by another spelling of its path is the same project.
    const std::string other_spelling = files.dir().string() + "/./study.quire";
    auto second = WorkbenchClaim::claim(
        other_spelling, [] {}, true, second_outcome);
    CHECK(second == nullptr);
    CHECK(second_outcome == Outcome::HeldElsewhere);
    CHECK(eventually(raised, 1));
    CHECK(quire::util::ask_owner_to_raise(project));
    CHECK(eventually(raised, 2));

    // Another project is free.
    Outcome other_outcome{};
    auto other = WorkbenchClaim::claim(
        files.write("other.quire", "y"), [] {}, false, other_outcome);
    CHECK(other_outcome == Outcome::Claimed);

    first.reset();
    CHECK_FALSE(quire::util::ask_owner_to_raise(project));
    auto again = WorkbenchClaim::claim(
        project, [] {}, false, second_outcome);
    CHECK(second_outcome == Outcome::Claimed);
}

TEST_CASE("a claim left by a workbench that crashed is taken over", "[claim]") {
    PrivateRuntimeDir runtime;
    ScratchDir files;
    const std::string project = files.write("study.quire", "x");
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        Outcome outcome{};
        auto claim = WorkbenchClaim::claim(
            project, [] {}, false, outcome);
        // Ends without a destructor, as a crash would: the socket file stays behind.
        ::_exit(outcome == Outcome::Claimed ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);

    CHECK_FALSE(quire::util::ask_owner_to_raise(project));
    Outcome outcome{};
    std::atomic<int> raised{0};
    auto claim = WorkbenchClaim::claim(
        project, [&] { ++raised; }, true, outcome);
    CHECK(outcome == Outcome::Claimed);
    CHECK(quire::util::ask_owner_to_raise(project));
    CHECK(eventually(raised, 1));
}

TEST_CASE("without a folder of its own the claim is unavailable and nothing fails", "[claim]") {
    PrivateRuntimeDir runtime;
    ScratchDir files;
    const std::string blocked = files.write("not-a-folder", "x");
    ::setenv("XDG_RUNTIME_DIR", blocked.c_str(), 1);
    Outcome outcome{};
    auto claim = WorkbenchClaim::claim(
        files.write("study.quire", "x"), [] {}, true, outcome);
    CHECK(claim == nullptr);
    CHECK(outcome == Outcome::Unavailable);
}

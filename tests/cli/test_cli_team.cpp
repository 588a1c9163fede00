// SPDX-License-Identifier: GPL-3.0-or-later
// Teams from the command line: handout, merge (dry run, policies, JSON), the audit trail of
// log, and a merge killed in the middle that leaves the project as it was.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_helpers.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

extern char** environ;

using nlohmann::json;
using Scratch = quire::test::ScratchDir;
using quire::test::cli;
using quire::test::CliResult;
using quire::test::ok;
using quire::test::ok_json;

namespace {

const std::string kNorthgate = "01 Practitioner – Northgate";
const std::string kRiverside = "02 Youth worker – Riverside";

struct Copies {
    Scratch s;
    std::string lead = s.path("lead.quire");
    std::string sam = s.path("sam.quire");
    Copies() {
        ok({"demo", lead});
        ok({"handout", lead, sam, "--coder", "Sam", "--doc", kNorthgate, "--doc", kRiverside});
    }
};

// Everything the merge could touch, as the CLI lists it.
std::string state_of(const std::string& p) {
    return ok({"codings", "export", p}) + ok({"codes", p, "--json"}) + ok({"memos", p, "--json"}) +
           ok({"attrs", p, "--json"}) + ok({"cases", p, "--json"});
}

}  // namespace

TEST_CASE("handout writes a blind copy for one coder with the chosen documents", "[cli][team]") {
    Copies c;
    const json docs = ok_json({"docs", c.sam});
    CHECK(docs.size() == 2);
    const json view = ok_json({"view", c.sam, "--coder", "Sam"});
    CHECK(view["blind"] == true);
    const CliResult again = cli({"handout", c.lead, c.sam, "--coder", "Sam"});
    CHECK(again.status == 5);
    CHECK(quire::test::is_one_line(again.err));
    const json forced = ok_json({"handout", c.lead, c.sam, "--coder", "Sam", "--force"});
    CHECK(forced["documents"] == 9);
    CHECK(cli({"handout", c.lead, c.lead, "--coder", "Sam", "--force"}).status != 0);
}

TEST_CASE("merge shows a dry run, carries the copy's work over, and is a no-op the second time",
          "[cli][team]") {
    Copies c;
    ok({"code", "apply", c.sam, "--doc", kNorthgate, "--code", "Take the long view", "--coder",
        "Sam", "--range", "100:200"});
    ok({"code", "rename", c.sam, "Peer networks", "Peers"});
    const std::string before = state_of(c.lead);
    const json dry = ok_json({"merge", c.lead, c.sam, "--dry-run"});
    CHECK(dry["merged"] == false);
    CHECK(dry["base"] == true);
    CHECK(dry["conflicts"].empty());
    CHECK(dry["changes"].size() == 2);
    CHECK(state_of(c.lead) == before);
    const json done = ok_json({"merge", c.lead, c.sam});
    CHECK(done["merged"] == true);
    CHECK(done["changes"] == dry["changes"]);
    CHECK(ok({"codes", c.lead}).find("Peers") != std::string::npos);
    const json again = ok_json({"merge", c.lead, c.sam});
    CHECK(again["changes"].empty());
    CHECK(again["log_entries"] == 0);
    // The audit trail: the copy's actions, with where they were done.
    const json log = ok_json({"log", c.lead, "--coder", "Sam"});
    REQUIRE_FALSE(log.empty());
    bool from_copy = false;
    for (const json& e : log) {
        CHECK(e["who"] == "Sam");
        from_copy = from_copy || (e["state"] == "merged" && e["origin"].is_string());
    }
    CHECK(from_copy);
    CHECK(ok_json({"log", c.lead, "--since", "2999-01-01"}).empty());
    // The report sums the trail up: who coded what, and from which copy.
    const std::string report = c.s.path("report.html");
    ok({"report", c.lead, report});
    const std::string html = c.s.read("report.html");
    CHECK(html.find("<h2>Who coded what</h2>") != std::string::npos);
    CHECK(html.find("Sam\u2019s copy") != std::string::npos);
    CHECK(cli({"log", c.lead, "--since", "yesterday"}).status == 2);
    // One action: undo takes the whole merge back.
    ok({"undo", c.lead});
    CHECK(state_of(c.lead) == before);
}

TEST_CASE("a conflict stops the merge until a policy resolves it", "[cli][team]") {
    Copies c;
    ok({"code", "rename", c.sam, "Peer networks", "Peers"});
    ok({"code", "rename", c.lead, "Peer networks", "Friendship networks"});
    const json dry = ok_json({"merge", c.lead, c.sam, "--dry-run"});
    REQUIRE(dry["conflicts"].size() == 1);
    CHECK(dry["conflicts"][0]["kind"] == "code changed on both sides");
    CHECK(dry["conflicts"][0]["resolution"].is_null());
    const std::string before = state_of(c.lead);
    const CliResult refused = cli({"merge", c.lead, c.sam});
    CHECK(refused.status == 5);
    CHECK(refused.err.find("--prefer ours or --prefer theirs") != std::string::npos);
    CHECK(state_of(c.lead) == before);
    CHECK(cli({"merge", c.lead, c.sam, "--prefer", "mine"}).status == 2);
    const json theirs = ok_json({"merge", c.lead, c.sam, "--prefer", "theirs"});
    CHECK(theirs["conflicts"][0]["resolution"] == "take theirs");
    CHECK(ok({"codes", c.lead}).find("Peers") != std::string::npos);
}

TEST_CASE("a merge killed in the middle leaves the project exactly as it was", "[cli][team]") {
    Copies c;
    // Enough work for the merge to report progress before it commits.
    for (int i = 0; i < 5; ++i) {
        ok({"code", "apply", c.sam, "--doc", kNorthgate, "--code", "Take the long view", "--coder",
            "Sam", "--range", std::to_string(100 * i) + ":" + std::to_string(100 * i + 50)});
    }
    const std::string before = state_of(c.lead);
    int err_pipe[2];
    REQUIRE(pipe(err_pipe) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
    std::vector<std::string> words{QUIRE_CLI_PATH, "merge", c.lead, c.sam};
    std::vector<char*> argv;
    for (std::string& w : words) {
        argv.push_back(w.data());
    }
    argv.push_back(nullptr);
    // The command pauses after each line of progress: it is inside its transaction then.
    std::vector<std::string> env_words{"QUIRE_TEST_PROGRESS_PAUSE_MS=30000"};
    for (char** e = environ; *e != nullptr; ++e) {
        env_words.emplace_back(*e);
    }
    std::vector<char*> env;
    for (std::string& e : env_words) {
        env.push_back(e.data());
    }
    env.push_back(nullptr);
    pid_t child = 0;
    REQUIRE(posix_spawn(&child, QUIRE_CLI_PATH, &actions, nullptr, argv.data(), env.data()) == 0);
    close(err_pipe[1]);
    std::string seen;
    char buf[256];
    while (seen.find("merging: ") == std::string::npos) {
        const ssize_t n = read(err_pipe[0], buf, sizeof buf);
        REQUIRE(n > 0);  // the command said it is merging before it could end
        seen.append(buf, static_cast<std::size_t>(n));
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    close(err_pipe[0]);
    posix_spawn_file_actions_destroy(&actions);
    CHECK(WIFSIGNALED(status));
    CHECK(state_of(c.lead) == before);
    // And the merge still works afterwards, removing the killed one's copy of the files.
    const std::string left = "quire-merge-" + std::to_string(child) + "-";
    const auto left_behind = [&] {
        int n = 0;
        for (const auto& e :
             std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
            n += e.path().filename().string().rfind(left, 0) == 0 ? 1 : 0;
        }
        return n;
    };
    // (Whether the killed one's copy is still there now depends on other tests running in
    // parallel, whose scratch folders may have removed it already: only "gone" is checked.)
    ok({"merge", c.lead, c.sam});
    CHECK(state_of(c.lead) != before);
    CHECK(left_behind() == 0);
}

TEST_CASE("a .qdpx export of the copy merges like the copy", "[cli][team]") {
    Copies c;
    ok({"code", "apply", c.sam, "--doc", kNorthgate, "--code", "Take the long view", "--coder",
        "Sam", "--range", "100:200"});
    const std::string qdpx = c.s.path("sam.qdpx");
    ok({"export", c.sam, qdpx});
    const json dry = ok_json({"merge", c.lead, qdpx, "--dry-run"});
    CHECK(dry["base"] == true);
    CHECK(dry["conflicts"].empty());
    ok({"merge", c.lead, qdpx});
    CHECK(ok_json({"merge", c.lead, c.sam, "--dry-run"})["changes"].empty());
}

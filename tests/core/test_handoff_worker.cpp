// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/util/handoff_worker.h"

using quire::util::HandoffWorker;

TEST_CASE("a handoff worker processes every item in the order handed over", "[util]") {
    std::vector<int> seen;  // written by the worker only, read after finish()
    HandoffWorker<int> worker([&seen](int& item) { seen.push_back(item); }, 3);
    for (int i = 0; i < 100; ++i) {
        worker.hand_over(i, 1 + i % 2);
    }
    worker.finish();
    REQUIRE(seen.size() == 100);
    for (int i = 0; i < 100; ++i) {
        CHECK(seen[static_cast<std::size_t>(i)] == i);
    }
}

TEST_CASE("a handoff worker rethrows the first failure and drops later items", "[util]") {
    int processed = 0;
    HandoffWorker<int> worker(
        [&processed](int& item) {
            if (item == 5) {
                throw std::runtime_error("item 5");
            }
            ++processed;
        },
        1);
    for (int i = 0; i < 10; ++i) {
        worker.hand_over(i);
    }
    // The producer can see the failure before finishing, to stop early.
    for (int wait = 0; wait < 5000 && !worker.failed(); ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    CHECK(worker.failed());
    CHECK_THROWS_WITH(worker.finish(), "item 5");
    CHECK(processed == 5);
}

TEST_CASE("a handoff worker left without finishing stops without waiting for the rest", "[util]") {
    {
        HandoffWorker<int> worker([](int&) {}, 1000);
        worker.hand_over(1);  // never flushed: the batch is not full
    }
    SUCCEED("destroyed without finish()");
}

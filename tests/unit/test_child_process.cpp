// Child processes of an experiment (sim/experiment/child_process.hpp). The child is this test
// binary itself (/proc/self/exe), asked only to list its tags.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "experiment/child_process.hpp"

namespace fs = std::filesystem;
using gigsim::ChildExit;
using gigsim::ChildProcess;

namespace {

std::optional<ChildExit> wait_for(ChildProcess& child) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < give_up) {
    if (std::optional<ChildExit> exit = child.poll()) return exit;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("a child starts even when its log's folder has gone", "[experiment][child]") {
  // An experiment removes empty prefix folders when it ends; a shard or an MPI rank may be
  // handed a run in such a folder at that moment.
  const fs::path root =
      fs::temp_directory_path() / ("gigsim_test_child_process_" + std::to_string(getpid()));
  fs::remove_all(root);
  const fs::path log = root / "prefixes" / "p001" / "rep1-baseline.log";
  REQUIRE_FALSE(fs::exists(log.parent_path()));

  ChildProcess child({"--list-tags"}, log);
  const std::optional<ChildExit> exit = wait_for(child);
  REQUIRE(exit.has_value());
  CHECK(exit->signal == 0);
  CHECK(exit->exit_code != 127);  // 127: it could not be executed
  CHECK(fs::is_regular_file(log));
  fs::remove_all(root);
}

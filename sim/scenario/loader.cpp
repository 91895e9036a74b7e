// Reading scenario files and following `extends`; see loader.hpp.
#include "scenario/loader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <system_error>

#include <toml++/toml.h>

#include "core/errors.hpp"
#include "scenario/events.hpp"
#include "scenario/members.hpp"
#include "scenario/parameter_values.hpp"
#include "scenario/toml_entries.hpp"
#include "scenario/toml_guard.hpp"
#include "scenario/toml_text.hpp"

namespace gigsim::scenario_detail {
namespace {

namespace fs = std::filesystem;

std::string too_large() {
  return "larger than " + std::to_string(kMaxScenarioBytes / (1024 * 1024)) +
         " MiB, the limit for a scenario";
}

/// Why a file that is not a regular file cannot be a scenario.
std::string not_regular(mode_t mode) {
  if (S_ISDIR(mode)) return std::make_error_code(std::errc::is_a_directory).message();
  const char* kind = S_ISFIFO(mode)   ? "a FIFO"
                     : S_ISCHR(mode)  ? "a character device"
                     : S_ISBLK(mode)  ? "a block device"
                     : S_ISSOCK(mode) ? "a socket"
                                      : "a special file";
  return std::string("not a regular file (") + kind + ")";
}

/// The whole text of a regular file of at most kMaxScenarioBytes. Opening does not block (a FIFO
/// is refused, not waited on) and every read error is an error.
std::string read_text_file(const fs::path& path) {
  const auto fail = [&](const std::string& reason) {
    return InputError("cannot read scenario file '" + path.string() + "': " + reason);
  };
  const auto system_error = [] { return std::generic_category().message(errno); };
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) throw fail(system_error());
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};

  struct stat info {};
  if (::fstat(fd, &info) != 0) throw fail(system_error());
  if (!S_ISREG(info.st_mode)) throw fail(not_regular(info.st_mode));
  if (static_cast<std::uintmax_t>(info.st_size) > kMaxScenarioBytes) throw fail(too_large());

  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t count = ::read(fd, buffer, sizeof buffer);
    if (count < 0) {
      if (errno == EINTR) continue;
      throw fail(system_error());
    }
    if (count == 0) break;
    text.append(buffer, static_cast<std::size_t>(count));
    if (text.size() > kMaxScenarioBytes) throw fail(too_large());
  }
  return text;
}

/// "a.toml -> b.toml -> ... -> y.toml -> z.toml": the ends of a long chain.
std::string chain_summary(const std::vector<std::string>& names) {
  if (names.size() <= 5) return join(names, " -> ");
  return join({names[0], names[1], "...", names[names.size() - 2], names.back()}, " -> ");
}

}  // namespace

Scenario Loader::load_file(const fs::path& path) {
  const std::string text = read_text_file(path);
  std::error_code error;
  chain_.push_back({fs::weakly_canonical(path, error), path.string()});
  Scenario scenario = load_text(text, path.string(), path.parent_path());
  chain_.pop_back();
  return scenario;
}

Scenario Loader::load_text(std::string_view text, const std::string& origin,
                           const fs::path& base_dir) {
  if (text.size() > kMaxScenarioBytes) throw InputError(origin + ": " + too_large());
  const toml::table root = parse_toml(text, origin);

  ProblemList problems(origin);
  Scenario scenario;
  if (const toml::node* extends = root.get("extends")) {
    if (const toml::value<std::string>* base_name = extends->as_string()) {
      scenario =
          load_base(fs::path(base_name->get()), base_dir, location(origin, extends->source()));
    } else {
      problems.add(extends->source(),
                   "extends: expected the file name of a base scenario, e.g. extends = "
                   "\"baseline.toml\", got " +
                       describe(*extends));
      scenario.params = default_params();
    }
  } else {
    scenario.params = default_params();
  }
  scenario.origin = origin;

  // New categories and technologies first, so that keys may name them anywhere in the file.
  declare_members(root, scenario.params, problems);

  std::vector<Leaf> leaves;
  collect_table(root, "", KeyForm::scenario_file, scenario.params, leaves, problems);
  sort_by_position(leaves);
  for (const Leaf& leaf : leaves) {
    if (auto assignment = leaf_assignment(leaf, problems)) {
      try {
        assign_parameter(scenario.params, *assignment);
        scenario.value_origins.push_back({assignment->key, location(origin, leaf.value->source())});
      } catch (const InputError& error) {
        problems.add(leaf.value->source(), error.what());
      }
    }
  }

  if (const toml::node* events = root.get("events")) {
    read_events(*events, origin, scenario.params, scenario.events, problems);
  }
  problems.throw_if_any();
  // The base's events come first, so equal weeks keep base-then-file order.
  std::stable_sort(
      scenario.events.begin(), scenario.events.end(),
      [](const ScheduledEvent& a, const ScheduledEvent& b) { return a.week < b.week; });
  return scenario;
}

Scenario Loader::load_base(const fs::path& name, const fs::path& base_dir,
                           const std::string& where) {
  const fs::path path = name.is_absolute() || base_dir.empty() ? name : base_dir / name;
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(path, error);
  std::vector<std::string> names;
  for (const ChainEntry& entry : chain_) names.push_back(entry.name);
  names.push_back(path.string());
  for (std::size_t i = 0; i < chain_.size(); ++i) {
    if (chain_[i].canonical != canonical) continue;
    throw InputError(
        where + ": extends cycle: " +
        join(std::vector<std::string>(names.begin() + static_cast<long>(i), names.end()), " -> "));
  }
  if (depth_ == kMaxExtendsDepth) {
    throw InputError(where + ": extends chain longer than " + std::to_string(kMaxExtendsDepth) +
                     " files: " + chain_summary(names));
  }
  std::string text;
  try {
    text = read_text_file(path);
  } catch (const InputError& read_error) {
    throw InputError(where + ": " + read_error.what() + " (named by extends)");
  }
  chain_.push_back({canonical, path.string()});
  ++depth_;
  Scenario base = load_text(text, path.string(), path.parent_path());
  --depth_;
  chain_.pop_back();
  return base;
}

}  // namespace gigsim::scenario_detail

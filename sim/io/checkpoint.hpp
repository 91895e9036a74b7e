#pragma once
// Checkpoint files: the complete state of a run at a week boundary, so that a killed run can
// continue bit-identically (`gigsim run --resume`) and scenarios that share a prefix can branch
// from it. A checkpoint is an HDF5 file of named byte arrays, one per member of the state, each
// with its element size; it is written to a temporary file and renamed, so a checkpoint on disk
// is always whole. It is meant for the build that wrote it: restoring checks that every member
// is present with the same element size and that none is left over.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "core/market_state.hpp"
#include "io/metrics.hpp"
#include "io/run_file.hpp"

namespace gigsim {

inline constexpr const char* kCheckpointFiletype = "gigsim-checkpoint";
inline constexpr int kCheckpointFormatVersion = 2;  // 2: 64-bit client filters

class CheckpointWriter {
 public:
  /// Starts `path` + ".tmp"; commit() renames it to `path`. Throws RuntimeFailure.
  explicit CheckpointWriter(std::filesystem::path path);
  ~CheckpointWriter();
  CheckpointWriter(const CheckpointWriter&) = delete;
  CheckpointWriter& operator=(const CheckpointWriter&) = delete;

  void put_bytes(const std::string& name, const void* data, std::size_t element_size,
                 std::size_t count);

  template <typename T, typename A>
  void put(const std::string& name, const std::vector<T, A>& values) {
    static_assert(std::is_trivially_copyable_v<T>, "checkpoints copy members byte by byte");
    put_bytes(name, values.data(), sizeof(T), values.size());
  }
  template <typename T>
  void put_value(const std::string& name, const T& value) {
    static_assert(std::is_trivially_copyable_v<T>, "checkpoints copy members byte by byte");
    put_bytes(name, &value, sizeof(T), 1);
  }
  void put_text(const std::string& name, const std::string& text) {
    put_bytes(name, text.data(), 1, text.size());
  }
  void put_texts(const std::string& name, const std::vector<std::string>& texts);

  /// Closes the file, flushes it to disk and renames it over `path`.
  void commit();

 private:
  std::filesystem::path path_;
  std::filesystem::path temporary_;
  long long file_ = -1;  // hid_t
};

class CheckpointReader {
 public:
  /// Opens a checkpoint; InputError if `path` is missing or not a gigsim checkpoint.
  explicit CheckpointReader(std::filesystem::path path);
  ~CheckpointReader();
  CheckpointReader(const CheckpointReader&) = delete;
  CheckpointReader& operator=(const CheckpointReader&) = delete;

  /// Reads member `name` into `out`; RuntimeFailure if it is missing or has another element size.
  void get_bytes(const std::string& name, std::size_t element_size, void* out, std::size_t count);
  std::size_t count(const std::string& name, std::size_t element_size);

  template <typename T, typename A>
  void get(const std::string& name, std::vector<T, A>& values) {
    values.resize(count(name, sizeof(T)));
    get_bytes(name, sizeof(T), values.data(), values.size());
  }
  template <typename T>
  void get_value(const std::string& name, T& value) {
    if (count(name, sizeof(T)) != 1) fail(name, "expected one value");
    get_bytes(name, sizeof(T), &value, 1);
  }
  std::string get_text(const std::string& name);
  std::vector<std::string> get_texts(const std::string& name);

  /// Throws RuntimeFailure naming any member in the file that was never read: the build that
  /// wrote the checkpoint had state this one does not know.
  void check_all_read() const;

  const std::filesystem::path& path() const { return path_; }

 private:
  [[noreturn]] void fail(const std::string& name, const std::string& what) const;

  std::filesystem::path path_;
  long long file_ = -1;  // hid_t
  std::set<std::string> unread_;
};

/// Every member of the market state, through its visitors (MarketState::for_each_member and the
/// stores' array lists), under names like "state.freelancers.agent.07".
void save_market_state(CheckpointWriter& writer, MarketState& state);
void restore_market_state(CheckpointReader& reader, MarketState& state);

/// The rows and events a run has recorded so far.
struct RunHistory {
  std::vector<MetricsRow> rows;
  std::vector<EventRecord> events;
};
/// Under names "<prefix>.rows.*" and "<prefix>.events.*".
void save_history(CheckpointWriter& writer, const std::string& prefix, const RunHistory& history);
RunHistory restore_history(CheckpointReader& reader, const std::string& prefix);

}  // namespace gigsim

// Checkpoint files; see checkpoint.hpp. Each member is one 1-D uint8 dataset at the root with
// an "element_size" attribute; root attributes name the file type and format version.
#include "io/checkpoint.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <system_error>
#include <utility>

#include "core/errors.hpp"
#include "io/hdf5_handles.hpp"

namespace gigsim {
namespace {

namespace fs = std::filesystem;

constexpr const char* kElementSize = "element_size";

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

template <typename T>
struct is_vector : std::false_type {};
template <typename T, typename A>
struct is_vector<std::vector<T, A>> : std::true_type {};

template <typename T>
struct is_vector_of_vectors : std::false_type {};
template <typename T, typename A>
struct is_vector_of_vectors<std::vector<T, A>> : is_vector<T> {};

template <typename T, typename = void>
struct has_member_list : std::false_type {};
template <typename T>
struct has_member_list<T, std::void_t<decltype(std::declval<T&>().for_each_member(
                              std::declval<void (*)(const char*, std::int32_t&)>()))>>
    : std::true_type {};

std::string two_digits(int index) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d", index);
  return text;
}

/// Calls action(name, leaf) for every leaf member below `member`: vectors and plain values.
/// Stores are walked through their array lists, structs through their member lists.
template <typename Action, typename Member>
void for_each_leaf(const std::string& name, Member& member, Action& action) {
  if constexpr (std::is_same_v<Member, Freelancers>) {
    action(name + ".slots", member.slots);
    int index = 0;
    member.for_each_agent_array(
        [&](auto& array, auto) { action(name + ".agent." + two_digits(index++), array); });
    index = 0;
    member.for_each_contract_array(
        [&](auto& array, auto) { action(name + ".contract." + two_digits(index++), array); });
  } else if constexpr (std::is_same_v<Member, Clients>) {
    int index = 0;
    member.for_each_array(
        [&](auto& array, auto) { action(name + "." + two_digits(index++), array); });
  } else if constexpr (std::is_same_v<Member, Jobs>) {
    action(name + ".category_begin", member.category_begin);
    int index = 0;
    Jobs::for_each_array([&](auto& array) { action(name + "." + two_digits(index++), array); },
                         member);
  } else if constexpr (std::is_same_v<Member, PairBillings>) {
    int index = 0;
    member.for_each_array([&](auto& array) { action(name + "." + two_digits(index++), array); });
  } else if constexpr (has_member_list<Member>::value) {
    member.for_each_member(
        [&](const char* child, auto& value) { for_each_leaf(name + "." + child, value, action); });
  } else {
    action(name, member);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Writing

CheckpointWriter::CheckpointWriter(fs::path path)
    : path_(std::move(path)), temporary_(path_.string() + ".tmp") {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  hdf5::PropertyList creation(H5Pcreate(H5P_FILE_CREATE));
  hdf5::PropertyList access(H5Pcreate(H5P_FILE_ACCESS));
  H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_LATEST);
  file_ = H5Fcreate(temporary_.c_str(), H5F_ACC_TRUNC, creation.get(), access.get());
  if (file_ < 0) {
    throw RuntimeFailure("cannot create checkpoint file " + quoted(temporary_));
  }
  hdf5::Datatype text(H5Tcopy(H5T_C_S1));
  H5Tset_size(text.get(), std::strlen(kCheckpointFiletype));
  hdf5::Dataspace scalar(H5Screate(H5S_SCALAR));
  hdf5::Attribute filetype(H5Acreate2(static_cast<hid_t>(file_), "filetype", text.get(),
                                      scalar.get(), H5P_DEFAULT, H5P_DEFAULT));
  const int version = kCheckpointFormatVersion;
  hdf5::Attribute format(H5Acreate2(static_cast<hid_t>(file_), "format_version", H5T_STD_I32LE,
                                    scalar.get(), H5P_DEFAULT, H5P_DEFAULT));
  if (!filetype.valid() || !format.valid() ||
      H5Awrite(filetype.get(), text.get(), kCheckpointFiletype) < 0 ||
      H5Awrite(format.get(), H5T_NATIVE_INT, &version) < 0) {
    throw RuntimeFailure("cannot write checkpoint file " + quoted(temporary_));
  }
}

CheckpointWriter::~CheckpointWriter() {
  if (file_ >= 0) {
    H5Fclose(static_cast<hid_t>(file_));
    std::error_code ignored;
    fs::remove(temporary_, ignored);
  }
}

void CheckpointWriter::put_bytes(const std::string& name, const void* data,
                                 std::size_t element_size, std::size_t count) {
  const hsize_t bytes = static_cast<hsize_t>(element_size * count);
  hdf5::Dataspace space(H5Screate_simple(1, &bytes, nullptr));
  hdf5::PropertyList properties(H5Pcreate(H5P_DATASET_CREATE));
  H5Pset_obj_track_times(properties.get(), false);
  hdf5::Dataset dataset(H5Dcreate2(static_cast<hid_t>(file_), name.c_str(), H5T_STD_U8LE,
                                   space.get(), H5P_DEFAULT, properties.get(), H5P_DEFAULT));
  hdf5::Dataspace scalar(H5Screate(H5S_SCALAR));
  const auto size = static_cast<std::int64_t>(element_size);
  hdf5::Attribute attribute(H5Acreate2(dataset.get(), kElementSize, H5T_STD_I64LE, scalar.get(),
                                       H5P_DEFAULT, H5P_DEFAULT));
  const bool ok = dataset.valid() && attribute.valid() &&
                  H5Awrite(attribute.get(), H5T_NATIVE_INT64, &size) >= 0 &&
                  (bytes == 0 || H5Dwrite(dataset.get(), H5T_NATIVE_UCHAR, H5S_ALL, H5S_ALL,
                                          H5P_DEFAULT, data) >= 0);
  if (!ok) {
    throw RuntimeFailure("cannot write " + name + " to checkpoint file " + quoted(temporary_));
  }
}

void CheckpointWriter::put_texts(const std::string& name, const std::vector<std::string>& texts) {
  std::string joined;
  for (const std::string& text : texts) {
    joined += text;
    joined.push_back('\0');
  }
  put_text(name, joined);
}

void CheckpointWriter::commit() {
  const herr_t closed = H5Fclose(static_cast<hid_t>(file_));
  file_ = -1;
  if (closed < 0) throw RuntimeFailure("cannot close checkpoint file " + quoted(temporary_));
  // The data must be on disk before the rename makes it the checkpoint.
  const int descriptor = ::open(temporary_.c_str(), O_RDONLY);
  if (descriptor >= 0) {
    ::fsync(descriptor);
    ::close(descriptor);
  }
  std::error_code error;
  fs::rename(temporary_, path_, error);
  if (error) {
    fs::remove(temporary_, error);
    throw RuntimeFailure("cannot rename checkpoint " + quoted(temporary_) + " to " + quoted(path_) +
                         ": " + error.message());
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

namespace {

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* names) {
  static_cast<std::set<std::string>*>(names)->insert(name);
  return 0;
}

}  // namespace

CheckpointReader::CheckpointReader(fs::path path) : path_(std::move(path)) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  std::error_code error;
  if (!fs::is_regular_file(path_, error)) {
    throw InputError("checkpoint " + quoted(path_) + ": no such file");
  }
  if (H5Fis_hdf5(path_.c_str()) <= 0) {
    throw InputError("checkpoint " + quoted(path_) + " is not a gigsim checkpoint (not HDF5)");
  }
  file_ = H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file_ < 0) throw InputError("checkpoint " + quoted(path_) + " cannot be opened");
  const auto file = static_cast<hid_t>(file_);
  std::string filetype;
  if (H5Aexists(file, "filetype") > 0) {
    hdf5::Attribute attribute(H5Aopen(file, "filetype", H5P_DEFAULT));
    hdf5::Datatype type(H5Aget_type(attribute.get()));
    if (H5Tget_class(type.get()) == H5T_STRING && H5Tis_variable_str(type.get()) <= 0) {
      filetype.assign(H5Tget_size(type.get()), '\0');
      H5Aread(attribute.get(), type.get(), filetype.data());
    }
  }
  if (filetype != kCheckpointFiletype) {
    H5Fclose(file);
    file_ = -1;
    throw InputError("checkpoint " + quoted(path_) +
                     " is not a gigsim checkpoint (no filetype \"gigsim-checkpoint\")");
  }
  int version = 0;
  if (H5Aexists(file, "format_version") > 0) {
    hdf5::Attribute attribute(H5Aopen(file, "format_version", H5P_DEFAULT));
    hdf5::Dataspace space(H5Aget_space(attribute.get()));
    hdf5::Datatype type(H5Aget_type(attribute.get()));
    // One integer, as this writer makes it (not, say, a result file's [major, minor]).
    if (H5Sget_simple_extent_npoints(space.get()) == 1 && H5Tget_class(type.get()) == H5T_INTEGER) {
      H5Aread(attribute.get(), H5T_NATIVE_INT, &version);
    }
  }
  if (version != kCheckpointFormatVersion) {
    H5Fclose(file);
    file_ = -1;
    throw InputError("checkpoint " + quoted(path_) + " has format version " +
                     std::to_string(version) + "; this gigsim reads version " +
                     std::to_string(kCheckpointFormatVersion));
  }
  H5Literate(file, H5_INDEX_NAME, H5_ITER_NATIVE, nullptr, collect_name, &unread_);
}

CheckpointReader::~CheckpointReader() {
  if (file_ >= 0) H5Fclose(static_cast<hid_t>(file_));
}

void CheckpointReader::fail(const std::string& name, const std::string& what) const {
  throw RuntimeFailure("checkpoint " + quoted(path_) + ": " + name + ": " + what +
                       " (was it written by another gigsim build?)");
}

std::size_t CheckpointReader::count(const std::string& name, std::size_t element_size) {
  const auto file = static_cast<hid_t>(file_);
  if (H5Lexists(file, name.c_str(), H5P_DEFAULT) <= 0) fail(name, "missing");
  hdf5::Dataset dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT));
  std::int64_t stored_size = 0;
  {
    hdf5::Attribute attribute(H5Aopen(dataset.get(), kElementSize, H5P_DEFAULT));
    if (!attribute.valid() || H5Aread(attribute.get(), H5T_NATIVE_INT64, &stored_size) < 0) {
      fail(name, "unreadable");
    }
  }
  if (stored_size != static_cast<std::int64_t>(element_size)) {
    fail(name, "element size " + std::to_string(stored_size) + " where " +
                   std::to_string(element_size) + " was expected");
  }
  hdf5::Dataspace space(H5Dget_space(dataset.get()));
  const auto bytes = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  if (bytes % element_size != 0) fail(name, "size is not a whole number of elements");
  return bytes / element_size;
}

void CheckpointReader::get_bytes(const std::string& name, std::size_t element_size, void* out,
                                 std::size_t count) {
  if (this->count(name, element_size) != count) fail(name, "unexpected length");
  unread_.erase(name);
  if (count == 0) return;
  hdf5::Dataset dataset(H5Dopen2(static_cast<hid_t>(file_), name.c_str(), H5P_DEFAULT));
  if (H5Dread(dataset.get(), H5T_NATIVE_UCHAR, H5S_ALL, H5S_ALL, H5P_DEFAULT, out) < 0) {
    fail(name, "read error");
  }
}

std::string CheckpointReader::get_text(const std::string& name) {
  std::string text(count(name, 1), '\0');
  get_bytes(name, 1, text.data(), text.size());
  return text;
}

std::vector<std::string> CheckpointReader::get_texts(const std::string& name) {
  const std::string joined = get_text(name);
  std::vector<std::string> texts;
  std::size_t begin = 0;
  for (std::size_t end = joined.find('\0'); end != std::string::npos;
       end = joined.find('\0', begin)) {
    texts.push_back(joined.substr(begin, end - begin));
    begin = end + 1;
  }
  return texts;
}

void CheckpointReader::check_all_read() const {
  if (unread_.empty()) return;
  fail(*unread_.begin(), "present in the checkpoint but unknown to this build");
}

// ---------------------------------------------------------------------------------------------
// Market state and history

void save_market_state(CheckpointWriter& writer, MarketState& state) {
  auto save = [&](const std::string& name, auto& leaf) {
    using Leaf = std::decay_t<decltype(leaf)>;
    if constexpr (is_vector_of_vectors<Leaf>::value) {
      writer.put_value(name + ".count", static_cast<std::uint64_t>(leaf.size()));
      for (std::size_t i = 0; i < leaf.size(); ++i)
        writer.put(name + "." + std::to_string(i), leaf[i]);
    } else if constexpr (is_vector<Leaf>::value) {
      writer.put(name, leaf);
    } else {
      writer.put_value(name, leaf);
    }
  };
  state.for_each_member([&](const char* name, auto& member) {
    for_each_leaf(std::string("state.") + name, member, save);
  });
}

void restore_market_state(CheckpointReader& reader, MarketState& state) {
  auto restore = [&](const std::string& name, auto& leaf) {
    using Leaf = std::decay_t<decltype(leaf)>;
    if constexpr (is_vector_of_vectors<Leaf>::value) {
      std::uint64_t count = 0;
      reader.get_value(name + ".count", count);
      leaf.resize(count);
      for (std::size_t i = 0; i < leaf.size(); ++i)
        reader.get(name + "." + std::to_string(i), leaf[i]);
    } else if constexpr (is_vector<Leaf>::value) {
      reader.get(name, leaf);
    } else {
      reader.get_value(name, leaf);
    }
  };
  state.for_each_member([&](const char* name, auto& member) {
    for_each_leaf(std::string("state.") + name, member, restore);
  });
  state.pair_billings.recount_pairs();
}

void save_history(CheckpointWriter& writer, const std::string& prefix, const RunHistory& history) {
  // The members of MetricsRow (tests/integration/test_checkpoint.cpp counts them).
  std::vector<decltype(MetricsRow::market)> market;
  std::vector<decltype(MetricsRow::distributions)> distributions;
  std::vector<double> by_category;
  std::vector<std::int64_t> category_lengths;
  std::vector<float> panel;
  std::vector<std::int64_t> panel_lengths;
  for (const MetricsRow& row : history.rows) {
    market.push_back(row.market);
    distributions.push_back(row.distributions);
    by_category.insert(by_category.end(), row.by_category.begin(), row.by_category.end());
    category_lengths.push_back(static_cast<std::int64_t>(row.by_category.size()));
    panel.insert(panel.end(), row.panel.begin(), row.panel.end());
    panel_lengths.push_back(static_cast<std::int64_t>(row.panel.size()));
  }
  writer.put(prefix + ".rows.panel", panel);
  writer.put(prefix + ".rows.panel_length", panel_lengths);
  writer.put(prefix + ".rows.market", market);
  writer.put(prefix + ".rows.distributions", distributions);
  writer.put(prefix + ".rows.by_category", by_category);
  writer.put(prefix + ".rows.by_category_length", category_lengths);
  std::vector<std::int64_t> weeks;
  std::vector<std::string> keys, values, origins;
  for (const EventRecord& event : history.events) {
    weeks.push_back(event.week);
    keys.push_back(event.key);
    values.push_back(event.value);
    origins.push_back(event.origin);
  }
  writer.put(prefix + ".events.week", weeks);
  writer.put_texts(prefix + ".events.key", keys);
  writer.put_texts(prefix + ".events.value", values);
  writer.put_texts(prefix + ".events.origin", origins);
}

RunHistory restore_history(CheckpointReader& reader, const std::string& prefix) {
  std::vector<decltype(MetricsRow::market)> market;
  std::vector<decltype(MetricsRow::distributions)> distributions;
  std::vector<double> by_category;
  std::vector<std::int64_t> category_lengths;
  reader.get(prefix + ".rows.market", market);
  reader.get(prefix + ".rows.distributions", distributions);
  reader.get(prefix + ".rows.by_category", by_category);
  reader.get(prefix + ".rows.by_category_length", category_lengths);
  std::vector<float> panel;
  std::vector<std::int64_t> panel_lengths;
  reader.get(prefix + ".rows.panel", panel);
  reader.get(prefix + ".rows.panel_length", panel_lengths);
  RunHistory history;
  const std::size_t rows = market.size();
  if (distributions.size() != rows || category_lengths.size() != rows ||
      panel_lengths.size() != rows) {
    throw RuntimeFailure("checkpoint " + quoted(reader.path()) + ": inconsistent recorded rows");
  }
  std::size_t offset = 0;
  std::size_t panel_offset = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    MetricsRow row;
    row.market = market[r];
    row.distributions = distributions[r];
    const auto length = static_cast<std::size_t>(category_lengths[r]);
    if (offset + length > by_category.size()) {
      throw RuntimeFailure("checkpoint " + quoted(reader.path()) + ": truncated rows");
    }
    row.by_category.assign(by_category.begin() + static_cast<std::ptrdiff_t>(offset),
                           by_category.begin() + static_cast<std::ptrdiff_t>(offset + length));
    offset += length;
    const auto panel_length = static_cast<std::size_t>(panel_lengths[r]);
    if (panel_offset + panel_length > panel.size()) {
      throw RuntimeFailure("checkpoint " + quoted(reader.path()) + ": truncated panel rows");
    }
    row.panel.assign(panel.begin() + static_cast<std::ptrdiff_t>(panel_offset),
                     panel.begin() + static_cast<std::ptrdiff_t>(panel_offset + panel_length));
    panel_offset += panel_length;
    history.rows.push_back(std::move(row));
  }
  std::vector<std::int64_t> weeks;
  reader.get(prefix + ".events.week", weeks);
  const auto keys = reader.get_texts(prefix + ".events.key");
  const auto values = reader.get_texts(prefix + ".events.value");
  const auto origins = reader.get_texts(prefix + ".events.origin");
  if (keys.size() != weeks.size() || values.size() != weeks.size() ||
      origins.size() != weeks.size()) {
    throw RuntimeFailure("checkpoint " + quoted(reader.path()) + ": inconsistent event table");
  }
  for (std::size_t e = 0; e < weeks.size(); ++e) {
    history.events.push_back({weeks[e], keys[e], values[e], origins[e]});
  }
  return history;
}

}  // namespace gigsim

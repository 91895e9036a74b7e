// The HDF5 result file (sim/io/run_file.hpp): layout, values read back with the HDF5 C API,
// status transitions, crash safety and the output-path checks.
#include <hdf5.h>
#include <hdf5_hl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "core/build_info.hpp"
#include "core/errors.hpp"
#include "engine/run.hpp"
#include "io/hdf5_handles.hpp"
#include "io/run_file.hpp"

namespace fs = std::filesystem;
using namespace gigsim;

namespace {

/// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("gigsim_test_run_file_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  fs::path operator/(const std::string& name) const { return path_ / name; }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

const std::vector<std::string> kCategories{"writing", "software", "design"};

RunInfo test_info() {
  RunInfo info;
  info.scenario_toml = "[run]\nweeks = 10\n# naïve café ✓\n";
  info.scenario_origin = "scenarios/test.toml";
  info.seed = 1234567890123;
  info.replicate = 7;
  info.threads = 2;
  info.planned_weeks = 80;
  info.category_names = kCategories;
  return info;
}

/// A row whose every value encodes (week, series, column), so misplaced values show.
MetricsRow make_row(int week) {
  const std::size_t n = kCategories.size();
  MetricsRow row;
  for (std::size_t m = 0; m < kMarketMetricCount; ++m) {
    row.market[m] = week * 1000.0 + static_cast<double>(m);
  }
  row.by_category.resize(kCategoryMetricCount * n);
  for (std::size_t m = 0; m < kCategoryMetricCount; ++m) {
    for (std::size_t c = 0; c < n; ++c) {
      row.at(static_cast<CategoryMetric>(m), c, n) =
          week * 1000.0 + static_cast<double>(m * 10 + c);
    }
  }
  for (std::size_t q = 0; q < kQuantileLevels.size(); ++q) {
    row[Distribution::earnings][q] = week + 0.5 * static_cast<double>(q);
    row[Distribution::earner_earnings][q] = week + 0.75 * static_cast<double>(q);
    row[Distribution::rates][q] = -week - 0.25 * static_cast<double>(q);
  }
  return row;
}

std::vector<MetricsRow> make_rows(int first_week, int count) {
  std::vector<MetricsRow> rows;
  for (int week = first_week; week < first_week + count; ++week) rows.push_back(make_row(week));
  return rows;
}

// --- Reading back with the HDF5 C API ---------------------------------------------------------

hdf5::File open_read_only(const fs::path& path) {
  hdf5::File file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  REQUIRE(file.valid());
  return file;
}

std::vector<hsize_t> shape_of(hid_t file, const std::string& name) {
  const hdf5::Dataset dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT));
  REQUIRE(dataset.valid());
  const hdf5::Dataspace space(H5Dget_space(dataset.get()));
  std::vector<hsize_t> dims(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space.get())));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

template <typename T>
std::vector<T> read_all(hid_t file, const std::string& name, hid_t memory_type) {
  const hdf5::Dataset dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT));
  REQUIRE(dataset.valid());
  const hdf5::Dataspace space(H5Dget_space(dataset.get()));
  std::vector<T> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  if (!values.empty()) {
    REQUIRE(H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
  }
  return values;
}

std::vector<double> read_doubles(hid_t file, const std::string& name) {
  return read_all<double>(file, name, H5T_NATIVE_DOUBLE);
}

std::vector<std::int64_t> read_int64s(hid_t file, const std::string& name) {
  return read_all<std::int64_t>(file, name, H5T_NATIVE_INT64);
}

hdf5::Datatype vlen_utf8() {
  hdf5::Datatype type(H5Tcopy(H5T_C_S1));
  H5Tset_size(type.get(), H5T_VARIABLE);
  H5Tset_cset(type.get(), H5T_CSET_UTF8);
  return type;
}

std::vector<std::string> read_strings(hid_t file, const std::string& name) {
  const hdf5::Datatype type = vlen_utf8();
  std::vector<char*> raw = read_all<char*>(file, name, type.get());
  std::vector<std::string> values;
  for (char* text : raw) {
    values.emplace_back(text);
    H5free_memory(text);
  }
  return values;
}

std::string string_attribute(hid_t object, const char* name) {
  const hdf5::Attribute attribute(H5Aopen(object, name, H5P_DEFAULT));
  REQUIRE(attribute.valid());
  const hdf5::Datatype file_type(H5Aget_type(attribute.get()));
  // Stored as variable-length UTF-8, so that h5py returns str, not bytes.
  CHECK(H5Tis_variable_str(file_type.get()) > 0);
  CHECK(H5Tget_cset(file_type.get()) == H5T_CSET_UTF8);
  const hdf5::Datatype type = vlen_utf8();
  char* text = nullptr;
  REQUIRE(H5Aread(attribute.get(), type.get(), &text) >= 0);
  std::string value = text;
  H5free_memory(text);
  return value;
}

template <typename T>
std::vector<T> numeric_attribute(hid_t object, const char* name, hid_t memory_type) {
  const hdf5::Attribute attribute(H5Aopen(object, name, H5P_DEFAULT));
  REQUIRE(attribute.valid());
  const hdf5::Dataspace space(H5Aget_space(attribute.get()));
  std::vector<T> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  REQUIRE(H5Aread(attribute.get(), memory_type, values.data()) >= 0);
  return values;
}

std::int64_t int64_attribute(hid_t object, const char* name) {
  const auto values = numeric_attribute<std::int64_t>(object, name, H5T_NATIVE_INT64);
  REQUIRE(values.size() == 1);
  return values[0];
}

std::string dataset_string_attribute(hid_t file, const std::string& dataset_name,
                                     const char* name) {
  const hdf5::Dataset dataset(H5Dopen2(file, dataset_name.c_str(), H5P_DEFAULT));
  REQUIRE(dataset.valid());
  return string_attribute(dataset.get(), name);
}

bool scale_attached(hid_t file, const std::string& dataset_name, const char* scale_name,
                    unsigned dimension) {
  const hdf5::Dataset dataset(H5Dopen2(file, dataset_name.c_str(), H5P_DEFAULT));
  const hdf5::Dataset scale(H5Dopen2(file, scale_name, H5P_DEFAULT));
  REQUIRE(dataset.valid());
  REQUIRE(scale.valid());
  return H5DSis_attached(dataset.get(), scale.get(), dimension) > 0;
}

std::string status_of(const fs::path& path) {
  const hdf5::File file = open_read_only(path);
  return string_attribute(file.get(), "status");
}

std::int64_t steps_done_of(const fs::path& path) {
  const hdf5::File file = open_read_only(path);
  return int64_attribute(file.get(), "steps_done");
}

std::string market_name(MarketMetric metric) {
  return "market/" + std::string(market_metric_info()[static_cast<std::size_t>(metric)].name);
}

std::string category_name(CategoryMetric metric) {
  return "by_category/" +
         std::string(category_metric_info()[static_cast<std::size_t>(metric)].name);
}

void write_text_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

void make_complete_run(const fs::path& path) {
  RunFileWriter writer(path, test_info(), false);
  writer.append(make_rows(0, 2), {});
  writer.finish(RunStatus::complete);
}

/// Captures what is written to file descriptor 2 while alive (HDF5 prints its errors there).
class StderrCapture {
 public:
  explicit StderrCapture(const fs::path& path) : path_(path) {
    std::fflush(stderr);
    saved_ = dup(STDERR_FILENO);
    std::FILE* sink = std::fopen(path.c_str(), "w");
    dup2(fileno(sink), STDERR_FILENO);
    std::fclose(sink);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  ~StderrCapture() { restore(); }
  std::string text() {
    restore();
    std::ifstream in(path_);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    dup2(saved_, STDERR_FILENO);
    close(saved_);
    saved_ = -1;
  }
  fs::path path_;
  int saved_ = -1;
};

}  // namespace

TEST_CASE("A new result file has its layout, empty series and status running", "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  RunFileWriter writer(path, test_info(), false);
  CHECK(writer.rows_written() == 0);
  CHECK(writer.path() == path);

  const hdf5::File file = open_read_only(path);
  const hid_t root = file.get();
  CHECK(string_attribute(root, "filetype") == "gigsim-run");
  CHECK(numeric_attribute<int>(root, "format_version", H5T_NATIVE_INT) ==
        std::vector<int>{kFormatVersionMajor, kFormatVersionMinor});
  CHECK(string_attribute(root, "gigsim_version") == std::string(version()));
  CHECK(string_attribute(root, "git_commit") == std::string(git_commit()));
  CHECK(string_attribute(root, "scenario") == test_info().scenario_toml);
  CHECK(string_attribute(root, "scenario_origin") == "scenarios/test.toml");
  CHECK(int64_attribute(root, "seed") == 1234567890123);
  CHECK(int64_attribute(root, "replicate") == 7);
  CHECK(numeric_attribute<int>(root, "threads", H5T_NATIVE_INT) == std::vector<int>{2});
  CHECK(int64_attribute(root, "planned_weeks") == 80);
  CHECK(string_attribute(root, "status") == "running");
  CHECK(int64_attribute(root, "steps_done") == 0);
  CHECK(string_attribute(root, "finished").empty());
  const std::string started = string_attribute(root, "started");
  REQUIRE(started.size() == 20);  // 2024-05-01T12:34:56Z
  CHECK(started[4] == '-');
  CHECK(started[10] == 'T');
  CHECK(started[19] == 'Z');

  CHECK(read_strings(root, "category") == kCategories);
  CHECK(read_doubles(root, "quantile") ==
        std::vector<double>(kQuantileLevels.begin(), kQuantileLevels.end()));
  CHECK(H5DSis_scale(hdf5::Dataset(H5Dopen2(root, "time", H5P_DEFAULT)).get()) > 0);
  CHECK(H5DSis_scale(hdf5::Dataset(H5Dopen2(root, "category", H5P_DEFAULT)).get()) > 0);
  CHECK(H5DSis_scale(hdf5::Dataset(H5Dopen2(root, "quantile", H5P_DEFAULT)).get()) > 0);
  CHECK(shape_of(root, "time") == std::vector<hsize_t>{0});

  for (const MetricInfo& metric : market_metric_info()) {
    const std::string name = "market/" + std::string(metric.name);
    INFO(name);
    CHECK(shape_of(root, name) == std::vector<hsize_t>{0});
    CHECK(dataset_string_attribute(root, name, "units") == metric.unit);
    CHECK(dataset_string_attribute(root, name, "description") == metric.description);
    CHECK(scale_attached(root, name, "time", 0));
  }
  for (const MetricInfo& metric : category_metric_info()) {
    const std::string name = "by_category/" + std::string(metric.name);
    INFO(name);
    CHECK(shape_of(root, name) == std::vector<hsize_t>{0, kCategories.size()});
    CHECK(dataset_string_attribute(root, name, "units") == metric.unit);
    CHECK(scale_attached(root, name, "time", 0));
    CHECK(scale_attached(root, name, "category", 1));
  }
  for (const char* name : {"distribution/earnings_quantiles", "distribution/rate_quantiles"}) {
    INFO(name);
    CHECK(shape_of(root, name) == std::vector<hsize_t>{0, kQuantileLevels.size()});
    CHECK(scale_attached(root, name, "time", 0));
    CHECK(scale_attached(root, name, "quantile", 1));
  }
  CHECK(shape_of(root, "events/week") == std::vector<hsize_t>{0});
}

TEST_CASE("Group-level coordinate names are the root scales themselves", "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  RunFileWriter writer(path, test_info(), false);
  const hdf5::File file = open_read_only(path);
  // xarray reads one group at a time; the scales must be visible there, as the same objects.
  const std::array<std::pair<const char*, const char*>, 5> links{{
      {"market/time", "time"},
      {"by_category/time", "time"},
      {"by_category/category", "category"},
      {"distribution/time", "time"},
      {"distribution/quantile", "quantile"},
  }};
  for (const auto& [link, target] : links) {
    INFO(link);
    H5O_info_t link_info{};
    H5O_info_t target_info{};
    REQUIRE(H5Oget_info_by_name(file.get(), link, &link_info, H5P_DEFAULT) >= 0);
    REQUIRE(H5Oget_info_by_name(file.get(), target, &target_info, H5P_DEFAULT) >= 0);
    CHECK(link_info.addr == target_info.addr);
  }
}

TEST_CASE("Appended rows land in order across flushes and chunk boundaries", "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  RunFileWriter writer(path, test_info(), false);
  // 3 + 70 + 1 rows: the second flush fills the first 64-row chunk and starts the second.
  writer.append(make_rows(0, 3), {});
  CHECK(writer.rows_written() == 3);
  CHECK(steps_done_of(path) == 3);
  writer.append(make_rows(3, 70), {});
  writer.append(make_rows(73, 1), {});
  CHECK(writer.rows_written() == 74);

  const hdf5::File file = open_read_only(path);
  const hid_t root = file.get();
  CHECK(int64_attribute(root, "steps_done") == 74);
  CHECK(string_attribute(root, "status") == "running");

  const std::vector<std::int64_t> weeks = read_int64s(root, "time");
  REQUIRE(weeks.size() == 74);
  for (std::size_t t = 0; t < weeks.size(); ++t) CHECK(weeks[t] == static_cast<std::int64_t>(t));

  const std::vector<double> bids = read_doubles(root, market_name(MarketMetric::bids));
  REQUIRE(bids.size() == 74);
  CHECK(bids[0] == static_cast<double>(MarketMetric::bids));
  CHECK(bids[2] == 2000.0 + static_cast<double>(MarketMetric::bids));
  CHECK(bids[63] == 63000.0 + static_cast<double>(MarketMetric::bids));
  CHECK(bids[64] == 64000.0 + static_cast<double>(MarketMetric::bids));
  CHECK(bids[73] == 73000.0 + static_cast<double>(MarketMetric::bids));

  const std::string income = category_name(CategoryMetric::freelancer_income);
  CHECK(shape_of(root, income) == std::vector<hsize_t>{74, 3});
  const std::vector<double> income_values = read_doubles(root, income);
  const double income_code = static_cast<double>(CategoryMetric::freelancer_income) * 10;
  CHECK(income_values[0 * 3 + 0] == income_code);
  CHECK(income_values[5 * 3 + 2] == 5000.0 + income_code + 2);    // week 5, "design"
  CHECK(income_values[70 * 3 + 1] == 70000.0 + income_code + 1);  // week 70, "software"

  const std::string rates = "distribution/rate_quantiles";
  CHECK(shape_of(root, rates) == std::vector<hsize_t>{74, kQuantileLevels.size()});
  const std::vector<double> rate_values = read_doubles(root, rates);
  CHECK(rate_values[10 * kQuantileLevels.size() + 4] == -10.0 - 0.25 * 4);
  const std::vector<double> earnings = read_doubles(root, "distribution/earnings_quantiles");
  CHECK(earnings[73 * kQuantileLevels.size() + 6] == 73.0 + 0.5 * 6);
}

TEST_CASE("Series are chunked along time and compressed", "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  RunFileWriter writer(path, test_info(), false);
  writer.append(make_rows(0, 130), {});
  const hdf5::File file = open_read_only(path);
  for (const std::string& name :
       {market_name(MarketMetric::jobs_posted), category_name(CategoryMetric::bids),
        std::string("distribution/earnings_quantiles")}) {
    INFO(name);
    const hdf5::Dataset dataset(H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT));
    const hdf5::PropertyList creation(H5Dget_create_plist(dataset.get()));
    REQUIRE(H5Pget_layout(creation.get()) == H5D_CHUNKED);
    std::array<hsize_t, 2> chunk{};
    const int rank = H5Pget_chunk(creation.get(), 2, chunk.data());
    CHECK(chunk[0] == 64);
    if (rank == 2) CHECK(chunk[1] == shape_of(file.get(), name)[1]);
    CHECK(H5Pget_nfilters(creation.get()) == 2);
    CHECK(H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0);
    unsigned flags = 0;
    CHECK(H5Pget_filter_by_id2(creation.get(), H5Z_FILTER_SHUFFLE, &flags, nullptr, nullptr, 0,
                               nullptr, nullptr) >= 0);
    std::size_t n_values = 1;
    std::array<unsigned, 1> level{};
    CHECK(H5Pget_filter_by_id2(creation.get(), H5Z_FILTER_DEFLATE, &flags, &n_values, level.data(),
                               0, nullptr, nullptr) >= 0);
    CHECK(level[0] == 4);
  }
}

TEST_CASE("finish records the final status and the finish time", "[run_file]") {
  TempDir dir;
  const std::array<std::pair<RunStatus, const char*>, 3> outcomes{{
      {RunStatus::complete, "complete"},
      {RunStatus::interrupted, "interrupted"},
      {RunStatus::failed, "failed"},
  }};
  for (const auto& [status, name] : outcomes) {
    INFO(name);
    const fs::path path = dir / (std::string(name) + ".h5");
    RunFileWriter writer(path, test_info(), false);
    writer.append(make_rows(0, 4), {});
    CHECK(status_of(path) == "running");
    CHECK(read_run_status(path) == "running");
    writer.finish(status);
    CHECK(status_of(path) == name);
    CHECK(read_run_status(path) == name);
    const hdf5::File file = open_read_only(path);
    CHECK(string_attribute(file.get(), "finished").size() == 20);
    CHECK(int64_attribute(file.get(), "steps_done") == 4);
    CHECK(shape_of(file.get(), market_name(MarketMetric::jobs_posted)) == std::vector<hsize_t>{4});
  }
}

TEST_CASE("Events are appended as a table of columns along /events/event", "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  RunFileWriter writer(path, test_info(), false);
  writer.append(make_rows(0, 4), {{2, "ai.capability.writing", "0.8", "shock.toml:12:1"}});
  writer.append(make_rows(4, 4), {});
  writer.append(make_rows(8, 4), {{9, "policy.min_hourly_rate_usd", "7.5", "shock.toml:15:1"},
                                  {11, "fees.client_rate", "0.03", "shock.toml:18:1"}});
  // An event may also come with no new rows.
  writer.append({}, {{12, "market.bid_cost_usd", "0.5", "<--set>"}});
  CHECK(writer.rows_written() == 12);

  const hdf5::File file = open_read_only(path);
  CHECK(read_int64s(file.get(), "events/event") == std::vector<std::int64_t>{0, 1, 2, 3});
  CHECK(read_int64s(file.get(), "events/week") == std::vector<std::int64_t>{2, 9, 11, 12});
  CHECK(read_strings(file.get(), "events/key") ==
        std::vector<std::string>{"ai.capability.writing", "policy.min_hourly_rate_usd",
                                 "fees.client_rate", "market.bid_cost_usd"});
  CHECK(read_strings(file.get(), "events/value") ==
        std::vector<std::string>{"0.8", "7.5", "0.03", "0.5"});
  CHECK(
      read_strings(file.get(), "events/origin") ==
      std::vector<std::string>{"shock.toml:12:1", "shock.toml:15:1", "shock.toml:18:1", "<--set>"});
  CHECK(scale_attached(file.get(), "events/key", "events/event", 0));
  CHECK(int64_attribute(file.get(), "steps_done") == 12);
}

TEST_CASE("A run killed after a flush leaves a readable file with status running", "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child writes two flushes and dies without finishing or unwinding.
    RunFileWriter writer(path, test_info(), false);
    writer.append(make_rows(0, 5), {});
    writer.append(make_rows(5, 3), {{6, "ai.capability.writing", "0.8", "s.toml:1:1"}});
    kill(getpid(), SIGKILL);
    _exit(0);
  }
  int wait_status = 0;
  REQUIRE(waitpid(child, &wait_status, 0) == child);
  REQUIRE(WIFSIGNALED(wait_status));
  REQUIRE(WTERMSIG(wait_status) == SIGKILL);

  REQUIRE(H5Fis_hdf5(path.c_str()) > 0);
  const hdf5::File file = open_read_only(path);
  CHECK(string_attribute(file.get(), "status") == "running");
  CHECK(int64_attribute(file.get(), "steps_done") == 8);
  const std::vector<double> posted =
      read_doubles(file.get(), market_name(MarketMetric::jobs_posted));
  REQUIRE(posted.size() == 8);
  CHECK(posted[7] == 7000.0);
  CHECK(read_strings(file.get(), "events/key") ==
        std::vector<std::string>{"ai.capability.writing"});
  CHECK(read_run_status(path) == "running");
}

TEST_CASE("Identical rows give identical datasets, whatever the flush pattern", "[run_file]") {
  TempDir dir;
  std::vector<MetricsRow> rows = make_rows(0, 70);
  // Undefined statistics (a median with no contracts) are NaN and must survive as NaN.
  rows[3][MarketMetric::median_rate] = std::numeric_limits<double>::quiet_NaN();
  {
    RunFileWriter writer(dir / "one.h5", test_info(), false);
    writer.append(rows, {});
    writer.finish(RunStatus::complete);
  }
  {
    RunFileWriter writer(dir / "many.h5", test_info(), false);
    for (std::size_t first = 0; first < rows.size(); first += 4) {
      const std::size_t last = std::min(rows.size(), first + 4);
      writer.append(std::vector<MetricsRow>(rows.begin() + static_cast<std::ptrdiff_t>(first),
                                            rows.begin() + static_cast<std::ptrdiff_t>(last)),
                    {});
    }
    writer.finish(RunStatus::complete);
  }
  const hdf5::File one = open_read_only(dir / "one.h5");
  const hdf5::File many = open_read_only(dir / "many.h5");
  std::vector<std::string> names;
  for (const MetricInfo& metric : market_metric_info()) {
    names.push_back("market/" + std::string(metric.name));
  }
  for (const MetricInfo& metric : category_metric_info()) {
    names.push_back("by_category/" + std::string(metric.name));
  }
  for (const MetricInfo& table : distribution_info()) {
    names.push_back("distribution/" + std::string(table.name));
  }
  for (const std::string& name : names) {
    INFO(name);
    const std::vector<double> a = read_doubles(one.get(), name);
    const std::vector<double> b = read_doubles(many.get(), name);
    REQUIRE(a.size() == b.size());
    CHECK(std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
  }
  const std::vector<double> median =
      read_doubles(one.get(), market_name(MarketMetric::median_rate));
  CHECK(std::isnan(median[3]));
  CHECK(median[4] == 4000.0 + static_cast<double>(MarketMetric::median_rate));
}

TEST_CASE("Rows with the wrong number of per-category values are refused", "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  RunFileWriter writer(path, test_info(), false);
  writer.append(make_rows(0, 2), {});
  std::vector<MetricsRow> rows = make_rows(2, 2);
  rows[1].by_category.pop_back();
  CHECK_THROWS_AS(writer.append(rows, {}), RuntimeFailure);
  CHECK(writer.rows_written() == 2);
  CHECK(steps_done_of(path) == 2);
  CHECK(shape_of(open_read_only(path).get(), "time") == std::vector<hsize_t>{2});
}

TEST_CASE("HDF5 failures become RuntimeFailure naming the file, with HDF5 itself silent",
          "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  RunFileWriter writer(path, test_info(), false);
  // Someone replaces the result file with something HDF5 cannot open.
  fs::remove(path);
  write_text_file(path, "not HDF5");
  // Switch HDF5's default error printing back on: the writer must silence it itself.
  H5Eset_auto2(H5E_DEFAULT, reinterpret_cast<H5E_auto2_t>(H5Eprint2), stderr);
  StderrCapture capture(dir / "stderr.txt");
  std::string message;
  try {
    writer.append(make_rows(0, 1), {});
  } catch (const RuntimeFailure& failure) {
    message = failure.what();
  }
  CHECK(capture.text().empty());
  CHECK(message.find(path.string()) != std::string::npos);
  CHECK(message.find("opening the file for update") != std::string::npos);
  CHECK(writer.rows_written() == 0);
  CHECK_FALSE(fs::exists(working_copy_path(path)));
}

TEST_CASE("read_run_status tells gigsim runs from other files", "[run_file]") {
  TempDir dir;
  CHECK(read_run_status(dir / "absent.h5").empty());
  CHECK(read_run_status(dir.path()).empty());
  write_text_file(dir / "notes.txt", "not HDF5");
  CHECK(read_run_status(dir / "notes.txt").empty());
  {
    const hdf5::File other(
        H5Fcreate((dir / "other.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
    REQUIRE(other.valid());
  }
  CHECK(read_run_status(dir / "other.h5").empty());
  make_complete_run(dir / "done.h5");
  CHECK(read_run_status(dir / "done.h5") == "complete");
}

TEST_CASE("check_output_path accepts new paths and creates nothing; the writer creates them",
          "[run_file]") {
  TempDir dir;
  CHECK_NOTHROW(RunFileWriter::check_output_path(dir / "run.h5", false));
  CHECK_FALSE(fs::exists(dir / "run.h5"));
  const fs::path nested = dir / "results" / "sweep" / "run.h5";
  CHECK_NOTHROW(RunFileWriter::check_output_path(nested, false));
  CHECK_FALSE(fs::exists(dir / "results"));
  RunFileWriter writer(nested, test_info(), false);
  CHECK(read_run_status(nested) == "running");
}

TEST_CASE("check_output_path refuses what it must not overwrite", "[run_file]") {
  TempDir dir;

  SECTION("a complete run, unless forced") {
    const fs::path path = dir / "done.h5";
    make_complete_run(path);
    try {
      RunFileWriter::check_output_path(path, false);
      FAIL("a complete run was accepted without --force");
    } catch (const InputError& error) {
      const std::string message = error.what();
      CHECK(message.find(path.string()) != std::string::npos);
      CHECK(message.find("complete run") != std::string::npos);
      CHECK(message.find("--force") != std::string::npos);
    }
    CHECK_NOTHROW(RunFileWriter::check_output_path(path, true));
    // The writer checks again, under its lock.
    CHECK_THROWS_WITH(RunFileWriter(path, test_info(), false), Catch::Contains("complete run"));
    CHECK(read_run_status(path) == "complete");
    RunFileWriter writer(path, test_info(), true);
    CHECK(read_run_status(path) == "running");
    CHECK(steps_done_of(path) == 0);
  }

  SECTION("an incomplete run may be replaced without force") {
    const fs::path path = dir / "partial.h5";
    {
      RunFileWriter writer(path, test_info(), false);
      writer.append(make_rows(0, 3), {});
      writer.finish(RunStatus::interrupted);
    }
    CHECK_NOTHROW(RunFileWriter::check_output_path(path, false));
    { RunFileWriter writer(dir / "running.h5", test_info(), false); }
    CHECK_NOTHROW(RunFileWriter::check_output_path(dir / "running.h5", false));
  }

  SECTION("a file that is not HDF5, unless forced") {
    const fs::path path = dir / "notes.txt";
    write_text_file(path, "my thesis notes");
    CHECK_THROWS_AS(RunFileWriter::check_output_path(path, false), InputError);
    CHECK_THROWS_WITH(
        RunFileWriter::check_output_path(path, false),
        Catch::Contains("not a gigsim result file (not HDF5)") && Catch::Contains("--force"));
    CHECK_NOTHROW(RunFileWriter::check_output_path(path, true));
  }

  SECTION("an HDF5 file that is not a gigsim run, unless forced") {
    const fs::path path = dir / "other.h5";
    {
      const hdf5::File other(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
      REQUIRE(other.valid());
    }
    CHECK_THROWS_WITH(RunFileWriter::check_output_path(path, false),
                      Catch::Contains("without filetype") && Catch::Contains("--force"));
    CHECK_NOTHROW(RunFileWriter::check_output_path(path, true));
  }

  SECTION("a run killed while the file was open for writing, unless forced") {
    const fs::path path = dir / "crashed.h5";
    { RunFileWriter writer(path, test_info(), false); }
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      // Dies holding the file open for writing: HDF5 1.10 then refuses to open it.
      H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
      kill(getpid(), SIGKILL);
      _exit(0);
    }
    int wait_status = 0;
    REQUIRE(waitpid(child, &wait_status, 0) == child);
    REQUIRE(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT) < 0);
    CHECK(read_run_status(path).empty());
    CHECK_THROWS_WITH(RunFileWriter::check_output_path(path, false),
                      Catch::Contains("cannot be opened") && Catch::Contains("h5clear -s") &&
                          Catch::Contains("--force"));
    CHECK_NOTHROW(RunFileWriter::check_output_path(path, true));
    RunFileWriter writer(path, test_info(), true);
    CHECK(read_run_status(path) == "running");
  }

  SECTION("a directory, even when forced") {
    CHECK_THROWS_AS(RunFileWriter::check_output_path(dir.path(), false), InputError);
    CHECK_THROWS_AS(RunFileWriter::check_output_path(dir.path(), true), InputError);
    CHECK_THROWS_WITH(RunFileWriter::check_output_path(dir.path(), true),
                      Catch::Contains("is a directory"));
  }

  SECTION("a path below a regular file") {
    write_text_file(dir / "plain", "x");
    CHECK_THROWS_AS(RunFileWriter::check_output_path(dir / "plain" / "run.h5", false), InputError);
    CHECK_THROWS_AS(RunFileWriter::check_output_path(dir / "plain" / "sub" / "run.h5", true),
                    InputError);
  }

  SECTION("an empty path") {
    CHECK_THROWS_AS(RunFileWriter::check_output_path("", true), InputError);
  }

  SECTION("a path naming a directory that does not exist yet") {
    CHECK_THROWS_WITH(RunFileWriter::check_output_path(dir.path().string() + "/newdir/", true),
                      Catch::Contains("names a directory") && Catch::Contains("newdir/run.h5"));
    CHECK_THROWS_AS(RunFileWriter(dir.path().string() + "/newdir/", test_info(), true), InputError);
    CHECK_THROWS_AS(RunFileWriter::check_output_path(dir / "newdir" / "..", true), InputError);
    CHECK_FALSE(fs::exists(dir / "newdir"));
  }

  SECTION("a symbolic link to nothing") {
    fs::create_symlink(dir / "missing" / "target.h5", dir / "link.h5");
    CHECK_THROWS_WITH(RunFileWriter::check_output_path(dir / "link.h5", true),
                      Catch::Contains("symbolic link") && Catch::Contains("does not exist"));
    CHECK_THROWS_AS(RunFileWriter(dir / "link.h5", test_info(), true), InputError);
    CHECK_FALSE(fs::exists(dir / "missing"));
  }

  SECTION("a directory on the kernel's proc file system") {
    CHECK_THROWS_WITH(RunFileWriter::check_output_path("/proc/x.h5", true),
                      Catch::Contains("'/proc'") && Catch::Contains("proc file system"));
  }
}

// --- One writer per path, and changes that are all or nothing ---------------------------------

TEST_CASE("A second writer on the same path is refused while the first one runs", "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  RunFileWriter first(path, test_info(), false);
  first.append(make_rows(0, 3), {});
  RunInfo other = test_info();
  other.seed = 99;
  // flock locks belong to an open file, so a second writer in the same process is refused as
  // one in another process would be.
  CHECK_THROWS_AS(RunFileWriter(path, other, true), InputError);
  CHECK_THROWS_WITH(
      RunFileWriter(path, other, true),
      Catch::Contains("another gigsim run (process " + std::to_string(getpid()) + ")") &&
          Catch::Contains(path.string()));
  // The refused writer changed nothing.
  CHECK(int64_attribute(open_read_only(path).get(), "seed") == test_info().seed);
  CHECK(steps_done_of(path) == 3);
  first.append(make_rows(3, 2), {});
  first.finish(RunStatus::interrupted);
  // Finished: the lock is gone and the next writer may start.
  CHECK_FALSE(fs::exists(OutputLock::lock_path(path)));
  RunFileWriter second(path, other, false);
  CHECK(int64_attribute(open_read_only(path).get(), "seed") == 99);
  CHECK(steps_done_of(path) == 0);
}

TEST_CASE("A lock file and a working copy left by a killed writer block nothing", "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // Dies in the middle of a flush: lock file and working copy stay behind.
    RunFileWriter writer(path, test_info(), false);
    writer.append(make_rows(0, 4), {});
    copy_file_contents(path, working_copy_path(path));
    kill(getpid(), SIGKILL);
    _exit(0);
  }
  int wait_status = 0;
  REQUIRE(waitpid(child, &wait_status, 0) == child);
  REQUIRE(fs::exists(OutputLock::lock_path(path)));
  REQUIRE(fs::exists(working_copy_path(path)));
  CHECK(steps_done_of(path) == 4);

  RunFileWriter writer(path, test_info(), false);
  writer.append(make_rows(0, 2), {});
  writer.finish(RunStatus::complete);
  CHECK(steps_done_of(path) == 2);
  CHECK_FALSE(fs::exists(OutputLock::lock_path(path)));
  CHECK_FALSE(fs::exists(working_copy_path(path)));
}

TEST_CASE("A failed append changes nothing and the same rows can be appended again", "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  RunFileWriter writer(path, test_info(), false);
  writer.append(make_rows(0, 3), {{1, "fees.flat_rate", "0.1", "s.toml:3:1"}});
  // A directory where the working copy goes makes the next update fail before it writes.
  fs::create_directory(working_copy_path(path));
  const std::vector<EventRecord> events{{4, "market.bid_cost_usd", "0.5", "s.toml:7:1"}};
  CHECK_THROWS_WITH(writer.append(make_rows(3, 2), events),
                    Catch::Contains("cannot copy") && Catch::Contains(path.string()));
  CHECK(writer.rows_written() == 3);
  CHECK(steps_done_of(path) == 3);
  CHECK(shape_of(open_read_only(path).get(), "time") == std::vector<hsize_t>{3});

  fs::remove(working_copy_path(path));
  writer.append(make_rows(3, 2), events);
  writer.finish(RunStatus::complete);
  const hdf5::File file = open_read_only(path);
  CHECK(read_int64s(file.get(), "time") == std::vector<std::int64_t>{0, 1, 2, 3, 4});
  CHECK(read_strings(file.get(), "events/key") ==
        std::vector<std::string>{"fees.flat_rate", "market.bid_cost_usd"});
  CHECK(read_int64s(file.get(), "events/event") == std::vector<std::int64_t>{0, 1});
}

TEST_CASE("A writer that cannot create the file leaves an existing result as it was",
          "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  make_complete_run(path);
  const std::uintmax_t size = fs::file_size(path);
  fs::create_directory(working_copy_path(path));
  CHECK_THROWS_AS(RunFileWriter(path, test_info(), true), RuntimeFailure);
  CHECK(read_run_status(path) == "complete");
  CHECK(fs::file_size(path) == size);
  CHECK(steps_done_of(path) == 2);
  CHECK_FALSE(fs::exists(OutputLock::lock_path(path)));
}

TEST_CASE("A reader that has the file open keeps reading the version it opened", "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  RunFileWriter writer(path, test_info(), false);
  writer.append(make_rows(0, 3), {});
  const hdf5::File reader = open_read_only(path);  // HDF5's default: with a shared file lock
  writer.append(make_rows(3, 4), {});
  writer.finish(RunStatus::complete);
  CHECK(int64_attribute(reader.get(), "steps_done") == 3);
  CHECK(read_doubles(reader.get(), market_name(MarketMetric::bids)).size() == 3);
  CHECK(steps_done_of(path) == 7);
}

TEST_CASE("A symbolic link to a result file is written through and stays a link", "[run_file]") {
  TempDir dir;
  fs::create_directory(dir / "store");
  const fs::path target = dir / "store" / "run.h5";
  make_complete_run(target);
  fs::create_symlink(target, dir / "link.h5");
  CHECK_THROWS_WITH(RunFileWriter::check_output_path(dir / "link.h5", false),
                    Catch::Contains("complete run"));
  RunFileWriter writer(dir / "link.h5", test_info(), true);
  CHECK(writer.path() == fs::canonical(target));
  writer.append(make_rows(0, 5), {});
  writer.finish(RunStatus::complete);
  CHECK(fs::is_symlink(dir / "link.h5"));
  CHECK(steps_done_of(target) == 5);
}

TEST_CASE("After finish nothing more is written", "[run_file]") {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  RunFileWriter writer(path, test_info(), false);
  writer.append(make_rows(0, 2), {});
  writer.finish(RunStatus::complete);
  CHECK(writer.recorded_status() == RunStatus::complete);
  CHECK_THROWS_WITH(writer.append(make_rows(2, 1), {}), Catch::Contains("is finished"));
  CHECK_THROWS_AS(writer.finish(RunStatus::failed), RuntimeFailure);
  CHECK(read_run_status(path) == "complete");
  CHECK(steps_done_of(path) == 2);
}

TEST_CASE("a flush waits for output.every rows and keeps writing within its share of the time",
          "[io][flush]") {
  using gigsim::flush_due;
  // Fewer rows than output.every: never.
  CHECK_FALSE(flush_due(3, 4, 1000.0, 0.0, 0.05));
  // The first flush (none before it took any time): as soon as the rows are there.
  CHECK(flush_due(4, 4, 0.0, 0.0, 0.05));
  // The last flush took 0.1 s; at a 5% share the next one waits 0.1 x (1/0.05 - 1) = 1.9 s.
  CHECK_FALSE(flush_due(40, 4, 1.8, 0.1, 0.05));
  CHECK(flush_due(40, 4, 1.95, 0.1, 0.05));
  // At a 50% share it waits as long as the last flush took.
  CHECK_FALSE(flush_due(4, 4, 0.09, 0.1, 0.5));
  CHECK(flush_due(4, 4, 0.11, 0.1, 0.5));
  // A share of 1 flushes every output.every weeks whatever it costs.
  CHECK(flush_due(4, 4, 0.0, 10.0, 1.0));
}

// The HDF5 result file of one run: layout in run_file.hpp, format documented in docs/output.md.
// Every change goes to a working copy that is renamed over the file when complete
// (io/working_copy.hpp): the file is never open for writing under its own name, so a run
// killed at any moment leaves it readable (HDF5 refuses a file killed while open for writing).
#include "io/run_file.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/build_info.hpp"
#include "core/errors.hpp"
#include "io/hdf5_interface.hpp"
#include "io/output_path.hpp"

namespace gigsim {
namespace {

namespace fs = std::filesystem;
using hdf5::append_to_dataset;
using hdf5::attach_scales;
using hdf5::create_extendible;
using hdf5::create_fixed_scale;
using hdf5::create_group;
using hdf5::describe;
using hdf5::ExtendibleShape;
using hdf5::link_scales;
using hdf5::read_string_attribute;
using hdf5::utf8_string_type;
using hdf5::write_attribute;
using hdf5::write_int64_attribute;
using hdf5::write_string_attribute;

constexpr const char* kFiletype = "gigsim-run";
constexpr const char* kTimeScale = "time";
constexpr const char* kCategoryScale = "category";
constexpr const char* kQuantileScale = "quantile";
constexpr const char* kMarketGroup = "market";
constexpr const char* kByCategoryGroup = "by_category";
constexpr const char* kDistributionGroup = "distribution";
constexpr const char* kEventsGroup = "events";
constexpr const char* kPanelGroup = "panel";
constexpr const char* kAgentScale = "agent";
constexpr const char* kEventScale = "event";  // dimension of the /events columns

/// Rows per chunk along time: a 5200-week run has ~80 chunks per series.
constexpr hsize_t kChunkRows = 64;
constexpr unsigned kDeflateLevel = 4;
constexpr hdf5::ChunkedStorage kSeriesStorage{kChunkRows, kDeflateLevel};
/// /events has few rows, so no compression.
constexpr hdf5::ChunkedStorage kEventStorage{kChunkRows, 0};
/// Marks cells never written; none is visible, as every dataset is extended exactly to the
/// rows written. NaN rather than HDF5's default 0, so that a reader that treats the fill
/// value as "missing" never hides a real zero.
constexpr double kDoubleFill = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kIntegerFill = -1;

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text.data();
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

void write_root_attributes(hid_t root, const RunInfo& info, const hdf5::ErrorContext& h5) {
  write_string_attribute(root, "filetype", kFiletype, h5);
  const std::array<int, 2> format_version{kFormatVersionMajor, kFormatVersionMinor};
  write_attribute(root, "format_version", H5T_STD_I32LE, H5T_NATIVE_INT, format_version.data(),
                  format_version.size(), h5);
  write_string_attribute(root, "gigsim_version", std::string(version()), h5);
  write_string_attribute(root, "git_commit", std::string(git_commit()), h5);
  write_string_attribute(root, "scenario", info.scenario_toml, h5);
  write_string_attribute(root, "scenario_origin", info.scenario_origin, h5);
  write_int64_attribute(root, "seed", info.seed, h5);
  write_int64_attribute(root, "replicate", info.replicate, h5);
  write_attribute(root, "threads", H5T_STD_I32LE, H5T_NATIVE_INT, &info.threads, 0, h5);
  write_int64_attribute(root, "planned_weeks", info.planned_weeks, h5);
  write_int64_attribute(root, "burn_in_weeks", info.burn_in_weeks, h5);
  write_string_attribute(root, "started", utc_timestamp(), h5);
  write_string_attribute(root, "finished", "", h5);
  write_string_attribute(root, "status", run_status_name(RunStatus::running), h5);
  write_int64_attribute(root, "steps_done", 0, h5);
}

/// Creates every group, scale and (empty) dataset of the layout.
/// The HDF5 type a panel variable is stored as.
hid_t panel_file_type(PanelStorage storage) {
  switch (storage) {
    case PanelStorage::int16:
      return H5T_STD_I16LE;
    case PanelStorage::int8:
      return H5T_STD_I8LE;
    case PanelStorage::float32:
      break;
  }
  return H5T_IEEE_F32LE;
}

/// Chunks of about 64 KiB of panel values: fewer rows per chunk for a wider panel.
hdf5::ChunkedStorage panel_storage(std::size_t persons) {
  const hsize_t rows =
      std::clamp<hsize_t>(16384 / std::max<std::size_t>(persons, 1), 1, kChunkRows);
  return {rows, kDeflateLevel};
}

/// /agent (the panel's dimension scale), /panel/person_id [agent] and one [time, agent] dataset
/// per panel variable.
void create_panel_layout(hid_t root, hid_t time, std::size_t columns,
                         const hdf5::ErrorContext& h5) {
  std::vector<std::int64_t> index(columns);
  for (std::size_t i = 0; i < columns; ++i) index[i] = static_cast<std::int64_t>(i);
  const std::vector<std::int64_t> persons(columns, kIntegerFill);  // written with the first rows
  const hdf5::Dataset agent = create_fixed_scale(root, kAgentScale, H5T_STD_I64LE, H5T_NATIVE_INT64,
                                                 index.size(), index.data(), h5);
  describe(agent.get(), "", "Column of each person followed in /panel", h5);
  const hdf5::Group panel = create_group(root, kPanelGroup, h5);
  link_scales(root, panel.get(), {kTimeScale, kAgentScale}, h5);
  const hdf5::Dataset person_id =
      create_fixed_scale(panel.get(), "person_id", H5T_STD_I64LE, H5T_NATIVE_INT64, persons.size(),
                         persons.data(), h5);
  // A plain variable, not a scale: create_fixed_scale made it one.
  h5.check_status(H5Adelete(person_id.get(), "CLASS"), "writing /panel/person_id");
  h5.check_status(H5Adelete(person_id.get(), "NAME"), "writing /panel/person_id");
  describe(person_id.get(), "", "Person id of each panel column (a sample of week 0's freelancers)",
           h5);
  attach_scales(person_id.get(), {agent.get()}, "/panel/person_id", h5);
  const ExtendibleShape per_person{2, columns};
  for (const PanelVariableInfo& variable : panel_variable_info()) {
    const std::string name(variable.info.name);
    const hdf5::Dataset series =
        create_extendible(panel.get(), name, panel_file_type(variable.storage), nullptr, per_person,
                          panel_storage(columns), h5);
    describe(series.get(), variable.info.unit, variable.info.description, h5);
    attach_scales(series.get(), {time, agent.get()}, "/panel/" + name, h5);
    if (name == "status") {
      write_string_attribute(series.get(), "status_codes", std::string(kPanelStatusCodes), h5);
    }
  }
}

/// Fills /panel/person_id with the persons followed (the rest stay -1).
void write_panel_persons(hid_t root, const std::vector<std::int64_t>& persons, std::size_t columns,
                         const hdf5::ErrorContext& h5) {
  std::vector<std::int64_t> ids(columns, kIntegerFill);
  std::copy_n(persons.begin(), std::min(columns, persons.size()), ids.begin());
  const std::string operation = "writing /panel/person_id";
  const hdf5::Dataset dataset(h5.check(H5Dopen2(root, "panel/person_id", H5P_DEFAULT), operation));
  h5.check_status(
      H5Dwrite(dataset.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, ids.data()),
      operation);
}

void create_layout(hid_t root, const std::vector<std::string>& category_names,
                   std::size_t panel_columns, const hdf5::ErrorContext& h5) {
  const hdf5::Dataset time =
      create_extendible(root, kTimeScale, H5T_STD_I64LE, &kIntegerFill, {}, kSeriesStorage, h5);
  h5.check_status(H5DSset_scale(time.get(), kTimeScale), "creating dimension scale /time");
  describe(time.get(), "week",
           "Week index of the row; 0 is the first recorded week, after the burn-in", h5);

  const hdf5::Datatype string_type = utf8_string_type(h5);
  std::vector<const char*> names;
  names.reserve(category_names.size());
  for (const std::string& name : category_names) names.push_back(name.c_str());
  const hdf5::Dataset category = create_fixed_scale(
      root, kCategoryScale, string_type.get(), string_type.get(), names.size(), names.data(), h5);
  write_string_attribute(category.get(), "description", "Job categories, in scenario order", h5);

  const hdf5::Dataset quantile =
      create_fixed_scale(root, kQuantileScale, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                         kQuantileLevels.size(), kQuantileLevels.data(), h5);
  describe(quantile.get(), "1", "Quantile levels of the /distribution tables", h5);

  const hdf5::Group market = create_group(root, kMarketGroup, h5);
  link_scales(root, market.get(), {kTimeScale}, h5);
  for (const MetricInfo& metric : market_metric_info()) {
    const std::string name(metric.name);
    const hdf5::Dataset series =
        create_extendible(market.get(), name, H5T_IEEE_F64LE, &kDoubleFill, {}, kSeriesStorage, h5);
    describe(series.get(), metric.unit, metric.description, h5);
    attach_scales(series.get(), {time.get()}, "/market/" + name, h5);
  }

  const hdf5::Group by_category = create_group(root, kByCategoryGroup, h5);
  link_scales(root, by_category.get(), {kTimeScale, kCategoryScale}, h5);
  const ExtendibleShape per_category{2, category_names.size()};
  for (const MetricInfo& metric : category_metric_info()) {
    const std::string name(metric.name);
    const hdf5::Dataset series = create_extendible(by_category.get(), name, H5T_IEEE_F64LE,
                                                   &kDoubleFill, per_category, kSeriesStorage, h5);
    describe(series.get(), metric.unit, metric.description, h5);
    attach_scales(series.get(), {time.get(), category.get()}, "/by_category/" + name, h5);
  }

  const hdf5::Group distribution = create_group(root, kDistributionGroup, h5);
  link_scales(root, distribution.get(), {kTimeScale, kQuantileScale}, h5);
  const ExtendibleShape per_quantile{2, kQuantileLevels.size()};
  for (const MetricInfo& table : distribution_info()) {
    const std::string name(table.name);
    const hdf5::Dataset series = create_extendible(distribution.get(), name, H5T_IEEE_F64LE,
                                                   &kDoubleFill, per_quantile, kSeriesStorage, h5);
    describe(series.get(), table.unit, table.description, h5);
    attach_scales(series.get(), {time.get(), quantile.get()}, "/distribution/" + name, h5);
  }

  if (panel_columns > 0) create_panel_layout(root, time.get(), panel_columns, h5);

  // /events: one column per field along an `event` dimension (a table xarray and pandas read
  // directly). Few rows, so no compression.
  const hdf5::Group events = create_group(root, kEventsGroup, h5);
  const hdf5::Dataset event = create_extendible(events.get(), kEventScale, H5T_STD_I64LE,
                                                &kIntegerFill, {}, kEventStorage, h5);
  h5.check_status(H5DSset_scale(event.get(), kEventScale), "creating dimension scale /events");
  write_string_attribute(event.get(), "description", "Order in which events were applied", h5);
  const hdf5::Dataset week =
      create_extendible(events.get(), "week", H5T_STD_I64LE, &kIntegerFill, {}, kEventStorage, h5);
  describe(week.get(), "week", "Week at whose start the event was applied", h5);
  attach_scales(week.get(), {event.get()}, "/events/week", h5);
  const std::array<std::pair<const char*, const char*>, 3> text_columns{{
      {"key", "Parameter the event set"},
      {"value", "Value it was set to, as written in the scenario"},
      {"origin", "Scenario file, line and column of the [[events]] entry"},
  }};
  for (const auto& [name, description] : text_columns) {
    const hdf5::Dataset column =
        create_extendible(events.get(), name, string_type.get(), nullptr, {}, kEventStorage, h5);
    write_string_attribute(column.get(), "description", description, h5);
    attach_scales(column.get(), {event.get()}, std::string("/events/") + name, h5);
  }
}

void append_rows(hid_t root, const std::vector<MetricsRow>& rows, std::int64_t first_week,
                 std::size_t n_categories, std::size_t panel_persons,
                 const hdf5::ErrorContext& h5) {
  const hsize_t first = static_cast<hsize_t>(first_week);
  const hsize_t count = rows.size();

  std::vector<std::int64_t> weeks(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    weeks[r] = first_week + static_cast<std::int64_t>(r);
  }
  append_to_dataset(root, kTimeScale, first, count, {}, H5T_NATIVE_INT64, weeks.data(), h5);

  // One column buffer, refilled per dataset: rows × (widest table) doubles.
  std::vector<double> column(rows.size() * std::max(n_categories, kQuantileLevels.size()));
  const auto& market_info = market_metric_info();
  for (std::size_t m = 0; m < kMarketMetricCount; ++m) {
    for (std::size_t r = 0; r < rows.size(); ++r) column[r] = rows[r].market[m];
    append_to_dataset(root, std::string(kMarketGroup) + "/" + std::string(market_info[m].name),
                      first, count, {}, H5T_NATIVE_DOUBLE, column.data(), h5);
  }

  const auto& category_info = category_metric_info();
  for (std::size_t m = 0; m < kCategoryMetricCount; ++m) {
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::size_t c = 0; c < n_categories; ++c) {
        column[r * n_categories + c] = rows[r].by_category[m * n_categories + c];
      }
    }
    append_to_dataset(root,
                      std::string(kByCategoryGroup) + "/" + std::string(category_info[m].name),
                      first, count, {2, n_categories}, H5T_NATIVE_DOUBLE, column.data(), h5);
  }

  const auto& distributions = distribution_info();
  for (std::size_t d = 0; d < kDistributionCount; ++d) {
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const auto& quantiles = rows[r].distributions[d];
      std::copy(quantiles.begin(), quantiles.end(), column.begin() + r * quantiles.size());
    }
    append_to_dataset(
        root, std::string(kDistributionGroup) + "/" + std::string(distributions[d].name), first,
        count, {2, kQuantileLevels.size()}, H5T_NATIVE_DOUBLE, column.data(), h5);
  }

  if (panel_persons == 0) return;
  std::vector<float> panel(rows.size() * panel_persons);
  const auto& panel_info = panel_variable_info();
  for (std::size_t v = 0; v < kPanelVariableCount; ++v) {
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const auto first_value =
          rows[r].panel.begin() + static_cast<std::ptrdiff_t>(v * panel_persons);
      std::copy(first_value, first_value + static_cast<std::ptrdiff_t>(panel_persons),
                panel.begin() + static_cast<std::ptrdiff_t>(r * panel_persons));
    }
    append_to_dataset(root, std::string(kPanelGroup) + "/" + std::string(panel_info[v].info.name),
                      first, count, {2, panel_persons}, H5T_NATIVE_FLOAT, panel.data(), h5);
  }
}

void append_events(hid_t root, const std::vector<EventRecord>& events, std::int64_t first_event,
                   const hdf5::ErrorContext& h5) {
  const hsize_t first = static_cast<hsize_t>(first_event);
  const hsize_t count = events.size();
  const std::string prefix = std::string(kEventsGroup) + "/";

  std::vector<std::int64_t> numbers(events.size());
  std::vector<std::int64_t> weeks(events.size());
  for (std::size_t e = 0; e < events.size(); ++e) {
    numbers[e] = first_event + static_cast<std::int64_t>(e);
    weeks[e] = events[e].week;
  }
  append_to_dataset(root, prefix + kEventScale, first, count, {}, H5T_NATIVE_INT64, numbers.data(),
                    h5);
  append_to_dataset(root, prefix + "week", first, count, {}, H5T_NATIVE_INT64, weeks.data(), h5);

  const hdf5::Datatype string_type = utf8_string_type(h5);
  std::vector<const char*> texts(events.size());
  const std::array<std::pair<const char*, std::string EventRecord::*>, 3> text_columns{{
      {"key", &EventRecord::key},
      {"value", &EventRecord::value},
      {"origin", &EventRecord::origin},
  }};
  for (const auto& [name, field] : text_columns) {
    for (std::size_t e = 0; e < events.size(); ++e) texts[e] = (events[e].*field).c_str();
    append_to_dataset(root, prefix + name, first, count, {}, string_type.get(), texts.data(), h5);
  }
}

/// Why read_run_status found no run in an existing file, for the refusal message.
std::string why_not_a_run(const fs::path& path) {
  hdf5::silence_error_printing();
  if (H5Fis_hdf5(path.c_str()) <= 0) return "is not a gigsim result file (not HDF5)";
  const hdf5::File file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  if (!file.valid()) {
    H5Eclear2(H5E_DEFAULT);
    return "is an HDF5 file that cannot be opened (a run killed while writing to it? "
           "'h5clear -s " +
           path.string() + "' may make it readable)";
  }
  return "is not a gigsim result file (an HDF5 file without filetype \"gigsim-run\")";
}

}  // namespace

const char* run_status_name(RunStatus status) {
  switch (status) {
    case RunStatus::running:
      return "running";
    case RunStatus::complete:
      return "complete";
    case RunStatus::interrupted:
      return "interrupted";
    case RunStatus::failed:
      return "failed";
  }
  return "failed";
}

void RunFileWriter::check_output_path(const fs::path& path, bool force) {
  const fs::path file = resolve_output_path(path);
  if (force || !fs::exists(file)) return;
  const std::string run_status = read_run_status(file);
  if (run_status.empty()) {
    throw InputError("output file " + quoted(path) + " exists and " + why_not_a_run(file) +
                     "; refusing to overwrite it (use --force to replace it)");
  }
  if (run_status == run_status_name(RunStatus::complete)) {
    throw InputError("output file " + quoted(path) +
                     " holds a complete run; use --force to overwrite");
  }
}

namespace {

/// The file to write for `path`, with its directory created (the lock file goes there).
fs::path prepare_output(const fs::path& path) {
  fs::path file = resolve_output_path(path);
  create_output_directories(file);
  return file;
}

/// Space reserved to record a failure in place: a status and a time take a few KiB.
constexpr std::uintmax_t kInPlaceReserve = 64 * 1024;

enum class Opening { create, update };

/// Creates or opens `file` (messages name `label`, the result file), applies `change` and
/// closes it, with `reserve` bytes of disk space allocated beyond its end first, so that a full
/// disk stops the change before HDF5 writes. A failure once HDF5 has the file open disables
/// HDF5 writing in this process (hdf5_interface.hpp). The reserve left unused stays with the
/// file until release_space_beyond_end: giving it back costs a few milliseconds on ext4, so
/// only the final version of a file gives it back (intermediate ones are removed whole).
template <typename Change>
void write_with_hdf5(const fs::path& file, const fs::path& label, Opening opening,
                     std::uintmax_t reserve, const Change& change) {
  if (opening == Opening::update) reserve_space_beyond_end(file, reserve);
  const hdf5::ErrorContext h5(label);
  hdf5::File handle = opening == Opening::create ? hdf5::create_file(file, h5)
                                                 : hdf5::open_file_for_update(file, h5);
  try {
    // A new file exists only now; HDF5 has written just its first bytes.
    if (opening == Opening::create) reserve_space_beyond_end(file, reserve);
    change(handle.get(), h5);
    hdf5::close_file(handle, h5);
  } catch (...) {
    hdf5::note_failed_write();
    throw;
  }
}

std::uintmax_t size_of(const fs::path& file) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(file, error);
  return error ? 0 : size;
}

}  // namespace

RunFileWriter::RunFileWriter(fs::path path, RunInfo info, bool force)
    : path_(prepare_output(path)), info_(std::move(info)), lock_(path_) {
  // Checked again now that no other writer can create or finish the file meanwhile.
  check_output_path(path_, force);
  const fs::path copy = working_copy_path(path_);
  // Whatever a killed run left under that name goes: HDF5 would follow a link there.
  discard_working_copy(copy);
  try {
    write_with_hdf5(copy, path_, Opening::create, RunFileWriter::kMinimumGrowthReserve,
                    [&](hid_t root, const hdf5::ErrorContext& h5) {
                      write_root_attributes(root, info_, h5);
                      create_layout(root, info_.category_names,
                                    static_cast<std::size_t>(info_.panel_size), h5);
                    });
    replace_with_copy(copy, path_, Durability::process_crash);
  } catch (...) {
    discard_working_copy(copy);
    throw;
  }
}

template <typename Change>
void RunFileWriter::update(const Change& change, Durability durability) {
  if (!lock_.held()) {
    throw RuntimeFailure("result file " + quoted(path_) + " is finished; nothing more is written");
  }
  const fs::path copy = working_copy_path(path_);
  try {
    const std::uintmax_t size_before = size_of(path_);
    discard_working_copy(copy);  // a killed run's leftover: its space is free for the copy
    copy_file_contents(path_, copy);
    write_with_hdf5(copy, path_, Opening::update, growth_reserve_, change);
    if (durability == Durability::power_loss) release_space_beyond_end(copy);
    const std::uintmax_t growth = size_of(copy) - std::min(size_of(copy), size_before);
    growth_reserve_ = std::max(growth_reserve_, 2 * growth);
    replace_with_copy(copy, path_, durability);
  } catch (...) {
    discard_working_copy(copy);
    throw;
  }
}

void RunFileWriter::append(const std::vector<MetricsRow>& rows,
                           const std::vector<EventRecord>& events) {
  if (rows.empty() && events.empty()) return;
  const std::size_t n_categories = info_.category_names.size();
  for (const MetricsRow& row : rows) {
    if (row.by_category.size() != kCategoryMetricCount * n_categories) {
      throw RuntimeFailure("result file " + quoted(path_) + ": a metrics row holds " +
                           std::to_string(row.by_category.size()) +
                           " per-category values, expected " +
                           std::to_string(kCategoryMetricCount * n_categories) + " (" +
                           std::to_string(kCategoryMetricCount) + " metrics x " +
                           std::to_string(n_categories) + " categories)");
    }
  }

  const std::int64_t rows_after = rows_written_ + static_cast<std::int64_t>(rows.size());
  update(
      [&](hid_t root, const hdf5::ErrorContext& h5) {
        if (!rows.empty()) {
          const auto panel_columns = static_cast<std::size_t>(info_.panel_size);
          if (rows_written_ == 0 && panel_columns > 0) {
            write_panel_persons(root, panel_persons_, panel_columns, h5);
          }
          append_rows(root, rows, rows_written_, n_categories, panel_columns, h5);
        }
        if (!events.empty()) append_events(root, events, events_written_, h5);
        write_int64_attribute(root, "steps_done", rows_after, h5);
      },
      Durability::process_crash);
  rows_written_ = rows_after;
  events_written_ += static_cast<std::int64_t>(events.size());
}

void RunFileWriter::finish(RunStatus status) {
  const std::string finished = utc_timestamp();
  const auto record_end = [&](hid_t root, const hdf5::ErrorContext& h5) {
    write_string_attribute(root, "status", run_status_name(status), h5);
    write_string_attribute(root, "finished", finished, h5);
  };
  try {
    // A finished run is what users keep: it goes to the disk itself, not only to the cache.
    update(record_end, Durability::power_loss);
  } catch (const RuntimeFailure&) {
    if (status != RunStatus::failed || !lock_.held()) throw;
    // No room for a copy (a full disk): write the status into the file itself, in the space
    // the lock held in reserve. The one change made in place, and only as a last resort: a kill
    // in the few milliseconds it takes could leave the file flagged as open for writing.
    discard_working_copy(working_copy_path(path_));
    lock_.release_reserve();
    write_with_hdf5(path_, path_, Opening::update, kInPlaceReserve, record_end);
    release_space_beyond_end(path_);
  }
  recorded_status_ = status;
  lock_.release();
}

std::string read_run_status(const fs::path& path) {
  hdf5::silence_error_printing();
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return "";
  if (H5Fis_hdf5(path.c_str()) <= 0) return "";
  const hdf5::File file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  if (!file.valid()) {
    H5Eclear2(H5E_DEFAULT);
    return "";
  }
  if (read_string_attribute(file.get(), "filetype") != std::optional<std::string>(kFiletype)) {
    return "";
  }
  return read_string_attribute(file.get(), "status").value_or("");
}

}  // namespace gigsim

// The HDF5 result file of one run: layout in run_file.hpp, format documented in docs/output.md.
// The file is open only inside the constructor, append() and finish(); each opens it, does its
// work and closes it, so a run killed between two flushes leaves a readable file (HDF5 1.10
// may refuse to open a file that was killed while open for writing).
#include "io/run_file.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "core/build_info.hpp"
#include "core/errors.hpp"
#include "io/hdf5_handles.hpp"

namespace gigsim {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFiletype = "gigsim-run";
constexpr const char* kTimeScale = "time";
constexpr const char* kCategoryScale = "category";
constexpr const char* kQuantileScale = "quantile";
constexpr const char* kMarketGroup = "market";
constexpr const char* kByCategoryGroup = "by_category";
constexpr const char* kDistributionGroup = "distribution";
constexpr const char* kEventsGroup = "events";
constexpr const char* kEventScale = "event";  // dimension of the /events columns

/// Rows per chunk along time: a 5200-week run has ~80 chunks per series.
constexpr hsize_t kChunkRows = 64;
constexpr unsigned kDeflateLevel = 4;
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

/// Turns HDF5 failures into RuntimeFailure naming the file and the operation. HDF5's own
/// printing of its error stack is switched off; the innermost message goes into ours instead.
class Hdf5Context {
 public:
  explicit Hdf5Context(const fs::path& path) : path_(path) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }

  hid_t check(hid_t id, const std::string& operation) const {
    if (id < 0) fail(operation);
    return id;
  }
  void check_status(herr_t status, const std::string& operation) const {
    if (status < 0) fail(operation);
  }

  [[noreturn]] void fail(const std::string& operation) const {
    std::string message = "HDF5 error in result file " + quoted(path_) + " while " + operation;
    const std::string detail = innermost_error();
    if (!detail.empty()) message += ": " + detail;
    throw RuntimeFailure(message);
  }

 private:
  static herr_t keep_innermost(unsigned depth, const H5E_error2_t* error, void* detail) {
    if (depth == 0 && error->desc != nullptr) *static_cast<std::string*>(detail) = error->desc;
    return 0;
  }
  static std::string innermost_error() {
    std::string detail;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &detail);
    H5Eclear2(H5E_DEFAULT);
    return detail;
  }

  const fs::path& path_;
};

hdf5::Datatype utf8_string_type(const Hdf5Context& h5) {
  hdf5::Datatype type(h5.check(H5Tcopy(H5T_C_S1), "creating the string type"));
  h5.check_status(H5Tset_size(type.get(), H5T_VARIABLE), "creating the string type");
  h5.check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "creating the string type");
  return type;
}

/// Writes an attribute, creating it on first use. `count` 0 means a scalar.
void write_attribute(hid_t object, const char* name, hid_t file_type, hid_t memory_type,
                     const void* value, hsize_t count, const Hdf5Context& h5) {
  const std::string operation = std::string("writing attribute ") + name;
  hdf5::Attribute attribute;
  if (h5.check(H5Aexists(object, name), operation) > 0) {
    attribute = hdf5::Attribute(h5.check(H5Aopen(object, name, H5P_DEFAULT), operation));
  } else {
    hdf5::Dataspace space(h5.check(
        count == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &count, nullptr), operation));
    attribute = hdf5::Attribute(h5.check(
        H5Acreate2(object, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT), operation));
  }
  h5.check_status(H5Awrite(attribute.get(), memory_type, value), operation);
}

void write_string_attribute(hid_t object, const char* name, const std::string& value,
                            const Hdf5Context& h5) {
  const hdf5::Datatype type = utf8_string_type(h5);
  const char* text = value.c_str();
  write_attribute(object, name, type.get(), type.get(), &text, 0, h5);
}

void write_int64_attribute(hid_t object, const char* name, std::int64_t value,
                           const Hdf5Context& h5) {
  write_attribute(object, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value, 0, h5);
}

/// Reads a scalar string attribute (variable- or fixed-length); nullopt if absent or not a
/// string. Used to probe files that may not be ours, so it never throws.
std::optional<std::string> read_string_attribute(hid_t object, const char* name) {
  if (H5Aexists(object, name) <= 0) return std::nullopt;
  const hdf5::Attribute attribute(H5Aopen(object, name, H5P_DEFAULT));
  if (!attribute.valid()) return std::nullopt;
  const hdf5::Datatype file_type(H5Aget_type(attribute.get()));
  const hdf5::Dataspace space(H5Aget_space(attribute.get()));
  if (!file_type.valid() || !space.valid() || H5Tget_class(file_type.get()) != H5T_STRING ||
      H5Sget_simple_extent_npoints(space.get()) != 1) {
    return std::nullopt;
  }
  const hdf5::Datatype memory_type(H5Tget_native_type(file_type.get(), H5T_DIR_ASCEND));
  if (!memory_type.valid()) return std::nullopt;
  if (H5Tis_variable_str(file_type.get()) > 0) {
    char* text = nullptr;
    if (H5Aread(attribute.get(), memory_type.get(), &text) < 0) return std::nullopt;
    std::string value = text != nullptr ? text : "";
    H5free_memory(text);
    return value;
  }
  std::string value(H5Tget_size(file_type.get()), '\0');
  if (H5Aread(attribute.get(), memory_type.get(), value.data()) < 0) return std::nullopt;
  value.resize(value.find('\0') == std::string::npos ? value.size() : value.find('\0'));
  return value;
}

/// Creation properties shared by every object: no modification times in object headers, so
/// that files of identical runs differ only in the attributes that must differ.
hdf5::PropertyList creation_properties(hid_t property_class, const std::string& operation,
                                       const Hdf5Context& h5) {
  hdf5::PropertyList properties(h5.check(H5Pcreate(property_class), operation));
  h5.check_status(H5Pset_obj_track_times(properties.get(), false), operation);
  return properties;
}

/// Group (and root group) creation properties: netCDF-4 readers expect link and attribute
/// creation order to be tracked.
hdf5::PropertyList group_properties(hid_t property_class, const std::string& operation,
                                    const Hdf5Context& h5) {
  hdf5::PropertyList properties = creation_properties(property_class, operation, h5);
  const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
  h5.check_status(H5Pset_link_creation_order(properties.get(), order), operation);
  h5.check_status(H5Pset_attr_creation_order(properties.get(), order), operation);
  return properties;
}

hdf5::Group create_group(hid_t parent, const char* name, const Hdf5Context& h5) {
  const std::string operation = std::string("creating group /") + name;
  const hdf5::PropertyList properties = group_properties(H5P_GROUP_CREATE, operation, h5);
  return hdf5::Group(
      h5.check(H5Gcreate2(parent, name, H5P_DEFAULT, properties.get(), H5P_DEFAULT), operation));
}

/// How a dataset grows: 1-D [time] or 2-D [time, columns], chunked along time.
struct ExtendibleShape {
  int rank = 1;
  hsize_t columns = 1;  // fixed second dimension of a 2-D dataset
};

enum class Compression { none, deflate };

/// Creates an empty dataset that grows along its first dimension.
hdf5::Dataset create_extendible(hid_t parent, const std::string& name, hid_t file_type,
                                const void* fill_value, ExtendibleShape shape,
                                Compression compression, const Hdf5Context& h5) {
  const std::string operation = "creating dataset " + name;
  const std::array<hsize_t, 2> dims{0, shape.columns};
  // A fixed dimension may not be smaller than its chunk, so zero columns grow without limit.
  const std::array<hsize_t, 2> max_dims{H5S_UNLIMITED,
                                        shape.columns > 0 ? shape.columns : H5S_UNLIMITED};
  const std::array<hsize_t, 2> chunk{kChunkRows, shape.columns > 0 ? shape.columns : 1};
  hdf5::Dataspace space(
      h5.check(H5Screate_simple(shape.rank, dims.data(), max_dims.data()), operation));
  hdf5::PropertyList properties = creation_properties(H5P_DATASET_CREATE, operation, h5);
  h5.check_status(H5Pset_chunk(properties.get(), shape.rank, chunk.data()), operation);
  if (compression == Compression::deflate) {
    h5.check_status(H5Pset_shuffle(properties.get()), operation);
    h5.check_status(H5Pset_deflate(properties.get(), kDeflateLevel), operation);
    // The last, partly filled chunk is stored unfiltered and rewritten in place by each append;
    // HDF5 compresses it once it is full. Recompressing it on every append would cost twice the
    // time and leave every superseded copy as dead space in the file.
    h5.check_status(H5Pset_chunk_opts(properties.get(), H5D_CHUNK_DONT_FILTER_PARTIAL_CHUNKS),
                    operation);
  }
  if (fill_value != nullptr) {
    h5.check_status(H5Pset_fill_value(properties.get(), file_type, fill_value), operation);
  }
  return hdf5::Dataset(h5.check(H5Dcreate2(parent, name.c_str(), file_type, space.get(),
                                           H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                                operation));
}

/// Creates a fixed-size 1-D dataset holding `values` and makes it a dimension scale.
hdf5::Dataset create_fixed_scale(hid_t parent, const char* name, hid_t file_type, hid_t memory_type,
                                 hsize_t count, const void* values, const Hdf5Context& h5) {
  const std::string operation = std::string("creating dimension scale /") + name;
  hdf5::Dataspace space(h5.check(H5Screate_simple(1, &count, nullptr), operation));
  const hdf5::PropertyList properties = creation_properties(H5P_DATASET_CREATE, operation, h5);
  hdf5::Dataset scale(h5.check(
      H5Dcreate2(parent, name, file_type, space.get(), H5P_DEFAULT, properties.get(), H5P_DEFAULT),
      operation));
  if (count > 0) {
    h5.check_status(H5Dwrite(scale.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values),
                    operation);
  }
  h5.check_status(H5DSset_scale(scale.get(), name), operation);
  return scale;
}

void describe(hid_t object, std::string_view unit, std::string_view description,
              const Hdf5Context& h5) {
  write_string_attribute(object, "units", std::string(unit), h5);
  write_string_attribute(object, "description", std::string(description), h5);
}

/// Makes root-level dimension scales visible inside `group` under the same names, as second
/// names (hard links) of the same datasets, not copies: xarray and netCDF read only the
/// variables of the group they open, and so would otherwise show no time or category labels.
void link_scales(hid_t root, hid_t group, std::initializer_list<const char*> scale_names,
                 const Hdf5Context& h5) {
  for (const char* name : scale_names) {
    h5.check_status(H5Lcreate_hard(root, name, group, name, H5P_DEFAULT, H5P_DEFAULT),
                    std::string("linking dimension scale /") + name + " into a group");
  }
}

/// The dimension scales a series dataset is attached to, in dimension order.
void attach_scales(hid_t dataset, std::initializer_list<hid_t> scales, const std::string& name,
                   const Hdf5Context& h5) {
  unsigned dimension = 0;
  for (const hid_t scale : scales) {
    h5.check_status(H5DSattach_scale(dataset, scale, dimension),
                    "attaching a dimension scale to " + name);
    ++dimension;
  }
}

void write_root_attributes(hid_t root, const RunInfo& info, const Hdf5Context& h5) {
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
  write_string_attribute(root, "started", utc_timestamp(), h5);
  write_string_attribute(root, "finished", "", h5);
  write_string_attribute(root, "status", run_status_name(RunStatus::running), h5);
  write_int64_attribute(root, "steps_done", 0, h5);
}

/// Creates every group, scale and (empty) dataset of the layout.
void create_layout(hid_t root, const std::vector<std::string>& category_names,
                   const Hdf5Context& h5) {
  const hdf5::Dataset time = create_extendible(root, kTimeScale, H5T_STD_I64LE, &kIntegerFill, {},
                                               Compression::deflate, h5);
  h5.check_status(H5DSset_scale(time.get(), kTimeScale), "creating dimension scale /time");
  describe(time.get(), "week", "Week index of the row; 0 is the first simulated week", h5);

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
    const hdf5::Dataset series = create_extendible(market.get(), name, H5T_IEEE_F64LE, &kDoubleFill,
                                                   {}, Compression::deflate, h5);
    describe(series.get(), metric.unit, metric.description, h5);
    attach_scales(series.get(), {time.get()}, "/market/" + name, h5);
  }

  const hdf5::Group by_category = create_group(root, kByCategoryGroup, h5);
  link_scales(root, by_category.get(), {kTimeScale, kCategoryScale}, h5);
  const ExtendibleShape per_category{2, category_names.size()};
  for (const MetricInfo& metric : category_metric_info()) {
    const std::string name(metric.name);
    const hdf5::Dataset series =
        create_extendible(by_category.get(), name, H5T_IEEE_F64LE, &kDoubleFill, per_category,
                          Compression::deflate, h5);
    describe(series.get(), metric.unit, metric.description, h5);
    attach_scales(series.get(), {time.get(), category.get()}, "/by_category/" + name, h5);
  }

  const hdf5::Group distribution = create_group(root, kDistributionGroup, h5);
  link_scales(root, distribution.get(), {kTimeScale, kQuantileScale}, h5);
  const ExtendibleShape per_quantile{2, kQuantileLevels.size()};
  for (const MetricInfo& table : distribution_info()) {
    const std::string name(table.name);
    const hdf5::Dataset series =
        create_extendible(distribution.get(), name, H5T_IEEE_F64LE, &kDoubleFill, per_quantile,
                          Compression::deflate, h5);
    describe(series.get(), table.unit, table.description, h5);
    attach_scales(series.get(), {time.get(), quantile.get()}, "/distribution/" + name, h5);
  }

  // /events: one column per field along an `event` dimension (a table xarray and pandas read
  // directly). Few rows, so no compression.
  const hdf5::Group events = create_group(root, kEventsGroup, h5);
  const hdf5::Dataset event = create_extendible(events.get(), kEventScale, H5T_STD_I64LE,
                                                &kIntegerFill, {}, Compression::none, h5);
  h5.check_status(H5DSset_scale(event.get(), kEventScale), "creating dimension scale /events");
  write_string_attribute(event.get(), "description", "Order in which events were applied", h5);
  const hdf5::Dataset week = create_extendible(events.get(), "week", H5T_STD_I64LE, &kIntegerFill,
                                               {}, Compression::none, h5);
  describe(week.get(), "week", "Week at whose start the event was applied", h5);
  attach_scales(week.get(), {event.get()}, "/events/week", h5);
  const std::array<std::pair<const char*, const char*>, 3> text_columns{{
      {"key", "Parameter the event set"},
      {"value", "Value it was set to, as written in the scenario"},
      {"origin", "Scenario file, line and column of the [[events]] entry"},
  }};
  for (const auto& [name, description] : text_columns) {
    const hdf5::Dataset column = create_extendible(events.get(), name, string_type.get(), nullptr,
                                                   {}, Compression::none, h5);
    write_string_attribute(column.get(), "description", description, h5);
    attach_scales(column.get(), {event.get()}, std::string("/events/") + name, h5);
  }
}

/// Extends `name` (relative to `parent`) to `first_row + rows` rows and writes `values` (rows
/// × columns, row-major, in `memory_type`) into the new rows.
void append_to_dataset(hid_t parent, const std::string& name, hsize_t first_row, hsize_t rows,
                       ExtendibleShape shape, hid_t memory_type, const void* values,
                       const Hdf5Context& h5) {
  const std::string operation = "appending to " + name;
  const hdf5::Dataset dataset(h5.check(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), operation));
  const std::array<hsize_t, 2> extent{first_row + rows, shape.columns};
  h5.check_status(H5Dset_extent(dataset.get(), extent.data()), operation);
  if (rows == 0 || shape.columns == 0) return;
  const hdf5::Dataspace file_space(h5.check(H5Dget_space(dataset.get()), operation));
  const std::array<hsize_t, 2> start{first_row, 0};
  const std::array<hsize_t, 2> count{rows, shape.columns};
  h5.check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                      count.data(), nullptr),
                  operation);
  const hdf5::Dataspace memory_space(
      h5.check(H5Screate_simple(shape.rank, count.data(), nullptr), operation));
  h5.check_status(H5Dwrite(dataset.get(), memory_type, memory_space.get(), file_space.get(),
                           H5P_DEFAULT, values),
                  operation);
}

void append_rows(hid_t root, const std::vector<MetricsRow>& rows, std::int64_t first_week,
                 std::size_t n_categories, const Hdf5Context& h5) {
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
}

void append_events(hid_t root, const std::vector<EventRecord>& events, std::int64_t first_event,
                   const Hdf5Context& h5) {
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

hdf5::PropertyList file_access_properties(const Hdf5Context& h5) {
  hdf5::PropertyList properties(
      h5.check(H5Pcreate(H5P_FILE_ACCESS), "setting up file access properties"));
  // Closing the file closes everything in it, so a close that succeeds means all is on disk.
  h5.check_status(H5Pset_fclose_degree(properties.get(), H5F_CLOSE_STRONG),
                  "setting up file access properties");
  // The 1.10 file format: needed for unfiltered partial chunks (H5Pset_chunk_opts), and its
  // extensible-array chunk index makes appends cheaper. Readable by HDF5 1.10 and later.
  h5.check_status(H5Pset_libver_bounds(properties.get(), H5F_LIBVER_V110, H5F_LIBVER_V110),
                  "setting up file access properties");
  // A reader watching the run (h5py, xarray) holds a shared lock on the file; with locking on,
  // the writer's next reopen for a flush would fail and the run with it. The writer is the only
  // writer and closes the file between flushes, so it does not need the lock.
  h5.check_status(H5Pset_file_locking(properties.get(), false, true),
                  "setting up file access properties");
  return properties;
}

hdf5::File open_for_update(const fs::path& path, const Hdf5Context& h5) {
  const hdf5::PropertyList access = file_access_properties(h5);
  return hdf5::File(
      h5.check(H5Fopen(path.c_str(), H5F_ACC_RDWR, access.get()), "opening the file for update"));
}

/// Closes explicitly, so that a failure to flush the data to disk is reported.
void close_file(hdf5::File& file, const Hdf5Context& h5) {
  h5.check_status(file.close(), "closing the file");
}

/// Why read_run_status found no run in an existing file, for the refusal message.
std::string why_not_a_run(const fs::path& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
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
  if (path.empty()) throw InputError("the output path is empty; give a file name such as run.h5");
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (fs::is_directory(status)) {
    throw InputError("output path " + quoted(path) +
                     " is a directory; give a file name inside it, e.g. " +
                     quoted(path / "run.h5"));
  }

  const fs::path directory = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::exists(directory, error)) {
    fs::create_directories(directory, error);
    if (error) {
      throw InputError("cannot create directory " + quoted(directory) + " for output file " +
                       quoted(path) + ": " + error.message());
    }
  } else if (!fs::is_directory(directory, error)) {
    throw InputError("cannot write output file " + quoted(path) + ": " + quoted(directory) +
                     " is not a directory");
  }
  if (access(directory.c_str(), W_OK) != 0) {
    throw InputError("cannot write output file " + quoted(path) + ": directory " +
                     quoted(directory) + " is not writable");
  }

  if (!fs::exists(status)) return;
  if (!fs::is_regular_file(status)) {
    throw InputError("output path " + quoted(path) + " exists and is not a regular file");
  }
  if (access(path.c_str(), W_OK) != 0) {
    throw InputError("output file " + quoted(path) + " exists and is not writable");
  }
  if (force) return;
  const std::string run_status = read_run_status(path);
  if (run_status.empty()) {
    throw InputError("output file " + quoted(path) + " exists and " + why_not_a_run(path) +
                     "; refusing to overwrite it (use --force to replace it)");
  }
  if (run_status == run_status_name(RunStatus::complete)) {
    throw InputError("output file " + quoted(path) +
                     " holds a complete run; use --force to overwrite");
  }
}

RunFileWriter::RunFileWriter(fs::path path, RunInfo info)
    : path_(std::move(path)), info_(std::move(info)) {
  const Hdf5Context h5(path_);
  const hdf5::PropertyList access = file_access_properties(h5);
  const hdf5::PropertyList creation = group_properties(H5P_FILE_CREATE, "creating the file", h5);
  hdf5::File file(h5.check(H5Fcreate(path_.c_str(), H5F_ACC_TRUNC, creation.get(), access.get()),
                           "creating the file"));
  write_root_attributes(file.get(), info_, h5);
  create_layout(file.get(), info_.category_names, h5);
  close_file(file, h5);
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

  const Hdf5Context h5(path_);
  hdf5::File file = open_for_update(path_, h5);
  if (!rows.empty()) append_rows(file.get(), rows, rows_written_, n_categories, h5);
  if (!events.empty()) append_events(file.get(), events, events_written_, h5);
  const std::int64_t rows_after = rows_written_ + static_cast<std::int64_t>(rows.size());
  write_int64_attribute(file.get(), "steps_done", rows_after, h5);
  close_file(file, h5);
  rows_written_ = rows_after;
  events_written_ += static_cast<std::int64_t>(events.size());
}

void RunFileWriter::finish(RunStatus status) {
  const Hdf5Context h5(path_);
  hdf5::File file = open_for_update(path_, h5);
  write_string_attribute(file.get(), "status", run_status_name(status), h5);
  write_string_attribute(file.get(), "finished", utc_timestamp(), h5);
  close_file(file, h5);
}

std::string read_run_status(const fs::path& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
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

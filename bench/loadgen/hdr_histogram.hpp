// A latency histogram of HdrHistogram's design (Gil Tene's HdrHistogram): log-linear buckets
// with a fixed number of significant digits, a fixed value range, no allocation when recording,
// mergeable, and losslessly serialisable as its non-zero counts.
//
// How the buckets work. Values are integers (archbench records nanoseconds). With 3 significant
// digits every bucket is split into 2048 sub-buckets; bucket 0 counts 0..2047 exactly, bucket 1
// counts 2048..4095 in steps of 2, bucket b in steps of 2^b. The top half of each bucket's
// sub-buckets is all that is new in it, so the counts array holds (bucket_count + 1) * 1024
// counters, and the index of a value is a count-leading-zeros and two shifts. A value is
// therefore known to within 1/1024 (< 0.1%) of itself, at any magnitude.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace archbench::loadgen {

class Histogram {
 public:
  // Tracks integers in [0, highest_trackable] with `significant_figures` (1..5) digits of
  // precision from lowest_discernible upwards. Throws std::invalid_argument on a bad range.
  Histogram(std::int64_t lowest_discernible, std::int64_t highest_trackable,
            int significant_figures);

  // The latency histogram archbench uses everywhere: nanoseconds, 1 ns .. 100 s, 3 digits.
  static Histogram latency_ns() { return {1, 100'000'000'000, 3}; }

  // Records a value (count times). Never allocates. A value above highest_trackable is clamped
  // to it (and counted in clamped_count()) so that a huge outlier still lands in the top
  // percentiles instead of vanishing; a negative value is clamped to 0 the same way.
  void record(std::int64_t value) noexcept { record_n(value, 1); }
  void record_n(std::int64_t value, std::int64_t count) noexcept;

  // Adds every count of `other`, which must have the same configuration (else
  // std::invalid_argument): how per-thread histograms are merged.
  void add(const Histogram& other);
  void reset() noexcept;

  [[nodiscard]] std::int64_t total_count() const noexcept { return total_count_; }
  [[nodiscard]] std::int64_t clamped_count() const noexcept { return clamped_count_; }
  // Exact smallest and largest recorded values (0 when empty).
  [[nodiscard]] std::int64_t min() const noexcept { return total_count_ == 0 ? 0 : min_; }
  [[nodiscard]] std::int64_t max() const noexcept { return max_; }
  // Mean and population standard deviation, each recorded value standing for the middle of its
  // sub-bucket (as HdrHistogram computes them). 0 when empty.
  [[nodiscard]] double mean() const noexcept;
  [[nodiscard]] double stddev() const noexcept;

  // The smallest recorded value v such that at least `percentile`% of all values are <= v
  // (nearest-rank definition), reported as the highest value equivalent to v, i.e. rounded up
  // to the end of its sub-bucket, and never above max(). percentile is in [0, 100].
  [[nodiscard]] std::int64_t value_at_percentile(double percentile) const noexcept;

  // --- The bucket layout, for iteration, serialisation and the .hgrm writer. ---
  [[nodiscard]] std::int32_t counts_len() const noexcept {
    return static_cast<std::int32_t>(counts_.size());
  }
  [[nodiscard]] std::int64_t count_at_index(std::int32_t index) const noexcept {
    return counts_[static_cast<std::size_t>(index)];
  }
  [[nodiscard]] std::int32_t index_for(std::int64_t value) const noexcept;
  // The lowest value counted at `index`.
  [[nodiscard]] std::int64_t value_at_index(std::int32_t index) const noexcept;
  // Values in [lowest_equivalent(v), highest_equivalent(v)] share v's counter.
  [[nodiscard]] std::int64_t lowest_equivalent(std::int64_t value) const noexcept;
  [[nodiscard]] std::int64_t highest_equivalent(std::int64_t value) const noexcept;
  [[nodiscard]] std::int64_t median_equivalent(std::int64_t value) const noexcept;
  [[nodiscard]] std::int64_t equivalent_range(std::int64_t value) const noexcept;

  [[nodiscard]] std::int64_t lowest_discernible() const noexcept { return lowest_discernible_; }
  [[nodiscard]] std::int64_t highest_trackable() const noexcept { return highest_trackable_; }
  [[nodiscard]] int significant_figures() const noexcept { return significant_figures_; }
  [[nodiscard]] std::int32_t bucket_count() const noexcept { return bucket_count_; }
  [[nodiscard]] std::int32_t sub_bucket_count() const noexcept { return sub_bucket_count_; }
  [[nodiscard]] bool same_layout(const Histogram& other) const noexcept;

  // Lossless form: the non-zero counters as (index, count), ascending by index. Together with
  // the configuration, min(), max() and clamped_count() it rebuilds an identical histogram.
  [[nodiscard]] std::vector<std::pair<std::int32_t, std::int64_t>> nonzero_counts() const;
  // The inverse: throws std::invalid_argument on an index out of range or a negative count.
  static Histogram from_counts(std::int64_t lowest_discernible, std::int64_t highest_trackable,
                               int significant_figures,
                               const std::vector<std::pair<std::int32_t, std::int64_t>>& counts,
                               std::int64_t min, std::int64_t max, std::int64_t clamped = 0);

  friend bool operator==(const Histogram& a, const Histogram& b) noexcept;

 private:
  [[nodiscard]] std::int32_t bucket_index(std::int64_t value) const noexcept;

  std::int64_t lowest_discernible_;
  std::int64_t highest_trackable_;
  int significant_figures_;
  std::int32_t unit_magnitude_;  // log2(lowest_discernible), rounded down
  std::int32_t sub_bucket_half_count_magnitude_;
  std::int32_t sub_bucket_count_;       // 2048 for 3 digits
  std::int32_t sub_bucket_half_count_;  // 1024 for 3 digits
  std::int64_t sub_bucket_mask_;
  std::int32_t bucket_count_;
  std::vector<std::int64_t> counts_;  // sized once, in the constructor
  std::int64_t total_count_ = 0;
  std::int64_t clamped_count_ = 0;
  std::int64_t min_ = INT64_MAX;
  std::int64_t max_ = 0;
};

}  // namespace archbench::loadgen

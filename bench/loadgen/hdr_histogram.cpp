// The bucket arithmetic of the HdrHistogram design; see hdr_histogram.hpp for the picture.
// value_at_percentile() lives on its own in hdr_percentile.cpp.
#include "loadgen/hdr_histogram.hpp"

#include <bit>
#include <cmath>
#include <stdexcept>

namespace archbench::loadgen {

Histogram::Histogram(std::int64_t lowest_discernible, std::int64_t highest_trackable,
                     int significant_figures)
    : lowest_discernible_(lowest_discernible),
      highest_trackable_(highest_trackable),
      significant_figures_(significant_figures) {
  if (lowest_discernible < 1 || significant_figures < 1 || significant_figures > 5 ||
      lowest_discernible * 2 > highest_trackable) {
    throw std::invalid_argument("histogram: bad range or precision");
  }
  // The smallest power of two >= 2 * 10^digits sub-buckets gives one-unit resolution up to
  // 10^digits, i.e. `digits` significant digits everywhere above it.
  std::int64_t single_unit_limit = 2;
  for (int i = 0; i < significant_figures; ++i) {
    single_unit_limit *= 10;
  }
  const auto sub_bucket_count_magnitude =
      static_cast<std::int32_t>(std::bit_width(static_cast<std::uint64_t>(single_unit_limit - 1)));
  sub_bucket_half_count_magnitude_ = sub_bucket_count_magnitude - 1;
  unit_magnitude_ =
      static_cast<std::int32_t>(std::bit_width(static_cast<std::uint64_t>(lowest_discernible))) - 1;
  sub_bucket_count_ = std::int32_t{1} << sub_bucket_count_magnitude;
  sub_bucket_half_count_ = sub_bucket_count_ / 2;
  sub_bucket_mask_ = static_cast<std::int64_t>(sub_bucket_count_ - 1) << unit_magnitude_;
  if (unit_magnitude_ + sub_bucket_half_count_magnitude_ > 61) {
    throw std::invalid_argument("histogram: range too large");
  }
  // Buckets double in reach until the highest trackable value fits.
  std::int64_t smallest_untrackable = static_cast<std::int64_t>(sub_bucket_count_)
                                      << unit_magnitude_;
  bucket_count_ = 1;
  while (smallest_untrackable <= highest_trackable) {
    if (smallest_untrackable > INT64_MAX / 2) {
      ++bucket_count_;
      break;
    }
    smallest_untrackable <<= 1;
    ++bucket_count_;
  }
  counts_.assign(static_cast<std::size_t>(bucket_count_ + 1) * sub_bucket_half_count_, 0);
}

std::int32_t Histogram::bucket_index(std::int64_t value) const noexcept {
  // The power of two just above the value (at least the first bucket's reach) says the bucket.
  const int pow2_ceiling =
      64 - std::countl_zero(static_cast<std::uint64_t>(value | sub_bucket_mask_));
  return pow2_ceiling - unit_magnitude_ - (sub_bucket_half_count_magnitude_ + 1);
}

std::int32_t Histogram::index_for(std::int64_t value) const noexcept {
  const std::int32_t bucket = bucket_index(value);
  const auto sub_bucket = static_cast<std::int32_t>(value >> (bucket + unit_magnitude_));
  // Bucket b's new sub-buckets (the upper half) start at (b + 1) * half_count.
  return ((bucket + 1) << sub_bucket_half_count_magnitude_) + (sub_bucket - sub_bucket_half_count_);
}

std::int64_t Histogram::value_at_index(std::int32_t index) const noexcept {
  std::int32_t bucket = (index >> sub_bucket_half_count_magnitude_) - 1;
  std::int32_t sub_bucket = (index & (sub_bucket_half_count_ - 1)) + sub_bucket_half_count_;
  if (bucket < 0) {  // bucket 0 also owns the lower half of the sub-buckets
    sub_bucket -= sub_bucket_half_count_;
    bucket = 0;
  }
  return static_cast<std::int64_t>(sub_bucket) << (bucket + unit_magnitude_);
}

std::int64_t Histogram::equivalent_range(std::int64_t value) const noexcept {
  const std::int32_t bucket = bucket_index(value);
  const auto sub_bucket = static_cast<std::int32_t>(value >> (bucket + unit_magnitude_));
  const std::int32_t adjusted = sub_bucket >= sub_bucket_count_ ? bucket + 1 : bucket;
  return std::int64_t{1} << (unit_magnitude_ + adjusted);
}

std::int64_t Histogram::lowest_equivalent(std::int64_t value) const noexcept {
  return value_at_index(index_for(value));
}

std::int64_t Histogram::highest_equivalent(std::int64_t value) const noexcept {
  return lowest_equivalent(value) + equivalent_range(value) - 1;
}

std::int64_t Histogram::median_equivalent(std::int64_t value) const noexcept {
  return lowest_equivalent(value) + equivalent_range(value) / 2;
}

void Histogram::record_n(std::int64_t value, std::int64_t count) noexcept {
  if (value > highest_trackable_ || value < 0) [[unlikely]] {
    value = value < 0 ? 0 : highest_trackable_;
    clamped_count_ += count;
  }
  counts_[static_cast<std::size_t>(index_for(value))] += count;
  total_count_ += count;
  if (value < min_) {
    min_ = value;
  }
  if (value > max_) {
    max_ = value;
  }
}

bool Histogram::same_layout(const Histogram& other) const noexcept {
  return lowest_discernible_ == other.lowest_discernible_ &&
         highest_trackable_ == other.highest_trackable_ &&
         significant_figures_ == other.significant_figures_;
}

void Histogram::add(const Histogram& other) {
  if (!same_layout(other)) {
    throw std::invalid_argument("histogram: merging different layouts");
  }
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    counts_[i] += other.counts_[i];
  }
  total_count_ += other.total_count_;
  clamped_count_ += other.clamped_count_;
  if (other.total_count_ > 0) {
    if (other.min_ < min_) {
      min_ = other.min_;
    }
    if (other.max_ > max_) {
      max_ = other.max_;
    }
  }
}

void Histogram::reset() noexcept {
  std::fill(counts_.begin(), counts_.end(), 0);
  total_count_ = 0;
  clamped_count_ = 0;
  min_ = INT64_MAX;
  max_ = 0;
}

double Histogram::mean() const noexcept {
  if (total_count_ == 0) {
    return 0.0;
  }
  double total = 0.0;
  for (std::int32_t i = 0; i < counts_len(); ++i) {
    if (counts_[static_cast<std::size_t>(i)] == 0) {
      continue;
    }
    total += static_cast<double>(counts_[static_cast<std::size_t>(i)]) *
             static_cast<double>(median_equivalent(value_at_index(i)));
  }
  return total / static_cast<double>(total_count_);
}

double Histogram::stddev() const noexcept {
  if (total_count_ == 0) {
    return 0.0;
  }
  const double m = mean();
  double sum_squares = 0.0;
  for (std::int32_t i = 0; i < counts_len(); ++i) {
    if (counts_[static_cast<std::size_t>(i)] == 0) {
      continue;
    }
    const double deviation = static_cast<double>(median_equivalent(value_at_index(i))) - m;
    sum_squares +=
        deviation * deviation * static_cast<double>(counts_[static_cast<std::size_t>(i)]);
  }
  return std::sqrt(sum_squares / static_cast<double>(total_count_));
}

std::vector<std::pair<std::int32_t, std::int64_t>> Histogram::nonzero_counts() const {
  std::vector<std::pair<std::int32_t, std::int64_t>> out;
  for (std::int32_t i = 0; i < counts_len(); ++i) {
    if (counts_[static_cast<std::size_t>(i)] != 0) {
      out.emplace_back(i, counts_[static_cast<std::size_t>(i)]);
    }
  }
  return out;
}

Histogram Histogram::from_counts(std::int64_t lowest_discernible, std::int64_t highest_trackable,
                                 int significant_figures,
                                 const std::vector<std::pair<std::int32_t, std::int64_t>>& counts,
                                 std::int64_t min, std::int64_t max, std::int64_t clamped) {
  Histogram h(lowest_discernible, highest_trackable, significant_figures);
  for (const auto& [index, count] : counts) {
    if (index < 0 || index >= h.counts_len() || count < 0) {
      throw std::invalid_argument("histogram: count index out of range");
    }
    h.counts_[static_cast<std::size_t>(index)] += count;
    h.total_count_ += count;
  }
  if (h.total_count_ > 0) {
    h.min_ = min;
    h.max_ = max;
  }
  h.clamped_count_ = clamped;
  return h;
}

bool operator==(const Histogram& a, const Histogram& b) noexcept {
  return a.same_layout(b) && a.total_count_ == b.total_count_ && a.min() == b.min() &&
         a.max_ == b.max_ && a.clamped_count_ == b.clamped_count_ && a.counts_ == b.counts_;
}

}  // namespace archbench::loadgen

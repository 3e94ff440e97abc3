#include "synth/util/hash.hpp"

#include <fmt/format.h>

#include <cstring>

namespace synth::util {

namespace {
constexpr std::uint64_t k_mul = 0x9E3779B97F4A7C15ULL;

std::uint64_t load(const unsigned char* p)
{
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w; // little-endian hosts only (x86-64, arm64): the hash is not portable across byte orders
}

std::uint64_t mix(std::uint64_t h, std::uint64_t w)
{
  h ^= w;
  h *= k_mul;
  return h ^ (h >> 29);
}

std::uint64_t fmix(std::uint64_t k)
{
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}
} // namespace

void Hasher::block(const unsigned char* p)
{
  m_lanes[0] = mix(m_lanes[0], load(p));
  m_lanes[1] = mix(m_lanes[1], load(p + 8));
  m_lanes[2] = mix(m_lanes[2], load(p + 16));
  m_lanes[3] = mix(m_lanes[3], load(p + 24));
}

void Hasher::update(std::string_view data)
{
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t n = data.size();
  m_length += n;
  if (m_tail_size > 0) {
    std::size_t take = std::min(n, sizeof m_tail - m_tail_size);
    std::memcpy(m_tail + m_tail_size, p, take);
    m_tail_size += take;
    p += take;
    n -= take;
    if (m_tail_size < sizeof m_tail) {
      return;
    }
    block(m_tail);
    m_tail_size = 0;
  }
  for (; n >= 32; p += 32, n -= 32) {
    block(p);
  }
  std::memcpy(m_tail, p, n);
  m_tail_size = n;
}

std::uint64_t Hasher::value() const
{
  std::uint64_t h = m_length * k_mul;
  for (auto lane : m_lanes) {
    h = mix(h, fmix(lane));
  }
  for (std::size_t i = 0; i < m_tail_size; ++i) {
    h = mix(h, m_tail[i] + (static_cast<std::uint64_t>(i) << 8));
  }
  return fmix(h);
}

std::string Hasher::hex() const { return fmt::format("{:016x}", value()); }

} // namespace synth::util

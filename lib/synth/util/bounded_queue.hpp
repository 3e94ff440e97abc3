#pragma once
// A queue between one producer thread and one consumer, holding at most `capacity` items:
// a reader parses a file while the importer writes the previous records to the store, and
// memory stays bounded by the queue, not by the file.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace synth::util {

template <typename T>
class BoundedQueue
{
public:
  explicit BoundedQueue(std::size_t capacity) : m_capacity(capacity) {}

  // Waits for room; returns false (dropping the item) once the queue is closed.
  bool push(T item)
  {
    std::unique_lock lock(m_mutex);
    m_room.wait(lock, [&] { return m_items.size() < m_capacity || m_closed; });
    if (m_closed) {
      return false;
    }
    put(std::move(item));
    return true;
  }

  // Waits for an item; nullopt once the queue is closed and empty.
  std::optional<T> pop()
  {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [&] { return !m_items.empty() || m_closed; });
    if (m_items.empty()) {
      return std::nullopt;
    }
    return take();
  }

  // Without waiting: false when full or closed (the item is left as it was).
  bool try_push(T& item)
  {
    std::lock_guard lock(m_mutex);
    if (m_closed || m_items.size() >= m_capacity) {
      return false;
    }
    put(std::move(item));
    return true;
  }

  // Without waiting: nullopt when empty.
  std::optional<T> try_pop()
  {
    std::lock_guard lock(m_mutex);
    if (m_items.empty()) {
      return std::nullopt;
    }
    return take();
  }

  // No more items will come (producer), or none are wanted any more (consumer): wakes
  // both sides. Items already queued can still be popped.
  void close()
  {
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_ready.notify_all();
    m_room.notify_all();
  }

  bool closed() const
  {
    std::lock_guard lock(m_mutex);
    return m_closed;
  }

private:
  // Both with the lock held.
  void put(T&& item)
  {
    m_items.push_back(std::move(item));
    m_ready.notify_one();
  }
  T take()
  {
    T item = std::move(m_items.front());
    m_items.pop_front();
    m_room.notify_one();
    return item;
  }

  const std::size_t m_capacity;
  mutable std::mutex m_mutex;
  std::condition_variable m_ready;
  std::condition_variable m_room;
  std::deque<T> m_items;
  bool m_closed = false;
};

} // namespace synth::util

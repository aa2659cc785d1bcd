#include "pipeline/pcm_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace chorus {
namespace {

PcmItem samples(std::size_t count) {
  PcmItem item;
  item.samples.assign(count, 0.25f);
  return item;
}

TEST(PcmQueue, TryPopTakesOnlyWhatIsQueuedInOrder) {
  PcmQueue queue(1000);
  EXPECT_FALSE(queue.try_pop().has_value());
  queue.push(samples(3));
  queue.push(samples(5));
  auto first = queue.try_pop();
  auto second = queue.try_pop();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->samples.size(), 3u);
  EXPECT_EQ(second->samples.size(), 5u);
  EXPECT_FALSE(queue.try_pop().has_value());
}

TEST(PcmQueue, TryPopMakesRoomForAWaitingProducer) {
  PcmQueue queue(10);
  queue.push(samples(10));  // full: the producer must wait
  std::atomic<bool> room{false};
  std::thread producer([&] { room = queue.wait_for_room(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(room.load());
  ASSERT_TRUE(queue.try_pop().has_value());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!room && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(room.load()) << "the producer was not woken";
  queue.close();  // releases the producer either way
  producer.join();
}

TEST(PcmQueue, CloseEmptiesTheQueue) {
  PcmQueue queue(100);
  queue.push(samples(4));
  queue.close();
  EXPECT_FALSE(queue.try_pop().has_value());
  EXPECT_FALSE(queue.pop().has_value());
  EXPECT_FALSE(queue.wait_for_room());
}

}  // namespace
}  // namespace chorus

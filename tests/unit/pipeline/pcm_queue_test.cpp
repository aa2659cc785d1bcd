#include "pipeline/pcm_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <vector>
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

TEST(PcmQueue, AWaitingConsumerGetsPiecesThatDidNotWakeIt) {
  // Pieces pushed in quick succession do not all wake the consumer; it must still get every one
  // of them promptly, in order, and the end marker at once.
  PcmQueue queue(1000000);
  std::vector<std::size_t> sizes;
  std::thread consumer([&] {
    while (auto item = queue.pop()) {
      if (item->kind == PcmItem::Kind::kEnd) return;
      sizes.push_back(item->samples.size());
    }
  });
  for (std::size_t i = 1; i <= 50; ++i) {
    queue.push(samples(i));
    if (i % 10 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(3));
  }
  PcmItem end;
  end.kind = PcmItem::Kind::kEnd;
  queue.push(std::move(end));
  auto done = std::async(std::launch::async, [&] { consumer.join(); });
  if (done.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
    queue.close();  // let the consumer go before failing
    done.wait();
    FAIL() << "the consumer did not see the end of the stream";
  }
  ASSERT_EQ(sizes.size(), 50u);
  for (std::size_t i = 0; i < sizes.size(); ++i) EXPECT_EQ(sizes[i], i + 1);
}

TEST(PcmQueue, PopForTimesOutOnlyWhenNothingCame) {
  PcmQueue queue(100);
  bool timed_out = false;
  EXPECT_FALSE(queue.pop_for(std::chrono::milliseconds(20), timed_out).has_value());
  EXPECT_TRUE(timed_out);
  queue.push(samples(2));
  auto item = queue.pop_for(std::chrono::milliseconds(20), timed_out);
  EXPECT_TRUE(item.has_value());
  EXPECT_FALSE(timed_out);
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

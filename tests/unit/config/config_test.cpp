#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "config/config_keys.h"
#include "config/config_loader.h"
#include "engines/engine_registry.h"
#include "engines/xtts/xtts_module.h"
#include "temp_files.h"

namespace chorus {
namespace {

// What the XTTS engine receives: its options as configured, over its declared defaults.
xtts::XttsConfig xtts_config(const ServerConfig& config) {
  const EngineModule* module = find_engine_module("xtts");
  EngineOptions set = config.engines.options.count("xtts") ? config.engines.options.at("xtts") : EngineOptions{};
  return xtts::config_from(set.over_defaults(module->options));
}

std::string write_file(const std::string& text) {
  return testing::write_temp_file("chorus.toml", text);
}

TEST(Config, FileSetsNestedKeys) {
  ServerConfig config;
  apply_config_file(config, write_file("port = 9001\nlog_format = \"json\"\n"
                                       "[limits]\nmax_concurrent = 3\nqueue_wait_ms = 250\n"
                                       "[engines.xtts]\nurls = [\"http://a:8000\", \"http://b:8000\"]\n"
                                       "max_concurrent = 2\n"));
  EXPECT_EQ(config.port, 9001);
  EXPECT_TRUE(config.log_json);
  EXPECT_EQ(config.router.admission.max_active, 3u);
  EXPECT_EQ(config.router.admission.max_wait.count(), 250);
  ASSERT_EQ(xtts_config(config).urls.size(), 2u);
  EXPECT_EQ(config.router.engine_admission.at("xtts").max_active, 2u);
}

TEST(Config, XttsTimeoutsReachTheEngineConfig) {
  ServerConfig config;
  apply_config_file(config, write_file("[engines.xtts]\nurls = [\"http://a:8000\"]\n"
                                       "connect_timeout_ms = 750\nread_timeout_ms = 5000\n"
                                       "streams_per_endpoint = 2\n"));
  setenv("CHORUS_ENGINES_XTTS_CLONE_TIMEOUT_MS", "90000", 1);
  apply_environment(config);
  unsetenv("CHORUS_ENGINES_XTTS_CLONE_TIMEOUT_MS");
  xtts::XttsConfig xtts = xtts_config(config);
  EXPECT_EQ(xtts.connect_timeout.count(), 750);
  EXPECT_EQ(xtts.read_timeout.count(), 5000);
  EXPECT_EQ(xtts.clone_timeout.count(), 90000);
  EXPECT_EQ(xtts.max_streams_per_endpoint, 2);
  EXPECT_EQ(xtts.health_interval.count(), xtts::XttsConfig{}.health_interval.count());  // default
  EXPECT_NO_THROW(xtts.Validate());
  // A zero limit parses (it is a valid integer) but the engine refuses it, naming the key.
  apply_config_file(config, write_file("[engines.xtts]\nread_timeout_ms = 0\n"));
  try {
    xtts_config(config).Validate();
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("engines.xtts.read_timeout_ms"), std::string::npos);
  }
}

TEST(Config, WyomingListenerIsOffUntilAPortIsGiven) {
  ServerConfig config;
  EXPECT_FALSE(config.wyoming.enabled());
  EXPECT_EQ(config.wyoming.host, "127.0.0.1");
  apply_config_file(config, write_file("[wyoming]\nport = 10200\nmax_connections = 4\n"
                                       "max_data_bytes = 4096\n"));
  setenv("CHORUS_WYOMING_IDLE_TIMEOUT_S", "7", 1);
  apply_environment(config);
  unsetenv("CHORUS_WYOMING_IDLE_TIMEOUT_S");
  EXPECT_TRUE(config.wyoming.enabled());
  EXPECT_EQ(config.wyoming.port, 10200);
  EXPECT_EQ(config.wyoming.max_connections, 4u);
  EXPECT_EQ(config.wyoming.frame.max_data_bytes, 4096u);
  EXPECT_EQ(config.wyoming.idle_timeout_seconds, 7);
  EXPECT_NO_THROW(config.Validate());
  config.wyoming.host.clear();
  try {
    config.Validate();
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("wyoming.host"), std::string::npos);
  }
  EXPECT_THROW(apply_config_file(config, write_file("[wyoming]\nport = -2\n")),
               std::invalid_argument);
}

TEST(Config, ErrorsNameFileAndKey) {
  ServerConfig config;
  auto path = write_file("[limits]\nmax_concurrent = \"many\"\n");
  try {
    apply_config_file(config, path);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("limits.max_concurrent"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
  }
  EXPECT_THROW(apply_config_file(config, write_file("unknown_key = 1\n")), std::invalid_argument);
  EXPECT_THROW(apply_config_file(config, write_file("port = 70000\n")), std::invalid_argument);
  EXPECT_THROW(apply_config_file(config, write_file("port = [\n")), std::invalid_argument);
}

TEST(Config, EnvironmentOverridesTheFile) {
  ServerConfig config;
  apply_config_file(config, write_file("port = 9001\n"));
  setenv("CHORUS_PORT", "9002", 1);
  setenv("CHORUS_ROUTING_FAST_ORDER", "espeak, kokoro", 1);
  apply_environment(config);
  unsetenv("CHORUS_PORT");
  unsetenv("CHORUS_ROUTING_FAST_ORDER");
  EXPECT_EQ(config.port, 9002);
  EXPECT_EQ(config.router.fast_order, (std::vector<std::string>{"espeak", "kokoro"}));
}

TEST(Config, ShowRoundTripsAndMasksKeys) {
  ServerConfig config;
  config.port = 9100;
  config.access.keys = {"secret-key-123456"};
  std::string shown = config_to_toml(config);
  EXPECT_EQ(shown.find("secret-key-123456"), std::string::npos);
  ServerConfig reread;
  auto path = write_file(shown);
  // Masked keys do not survive the round trip; everything else does.
  apply_config_file(reread, path);
  EXPECT_EQ(reread.port, 9100);
}

TEST(Config, EngineKeysComeFromTheEngines) {
  // Every module's options and admission limit are keys, without config_keys naming them.
  for (const auto& module : engine_modules()) {
    if (module.instances) {  // one key: the array of tables [[engines.<module>]]
      bool found = false;
      for (const auto& key : config_keys()) found = found || key.name == "engines." + module.name;
      EXPECT_TRUE(found) << module.name;
      continue;
    }
    std::vector<std::string> wanted{"engines." + module.name + ".max_concurrent"};
    for (const auto& option : module.options) wanted.push_back("engines." + module.name + "." + option.key);
    for (const auto& name : wanted) {
      bool found = false;
      for (const auto& key : config_keys()) found = found || key.name == name;
      EXPECT_TRUE(found) << name;
    }
  }
  // The default routing orders follow the engines' ranks: XTTS best, espeak before XTTS for tts-1.
  ServerConfig config;
  EXPECT_EQ(config.router.best_order.front(), "xtts");
  EXPECT_EQ(config.router.fast_order.back(), "xtts");
  EXPECT_EQ(config.router.best_order.back(), "espeak");
  // An engine option survives `config show` and rereading.
  apply_config_file(config, write_file("[engines.xtts]\nurls = [\"http://a:8000\"]\nstreams_per_endpoint = 3\n"));
  ServerConfig reread;
  apply_config_file(reread, write_file(config_to_toml(config)));
  EXPECT_EQ(xtts_config(reread).urls, std::vector<std::string>{"http://a:8000"});
  EXPECT_EQ(xtts_config(reread).max_streams_per_endpoint, 3);
  EXPECT_THROW(apply_config_file(config, write_file("[engines.xtts]\nstreams_per_endpoint = 0\n")),
               std::invalid_argument);
}

TEST(Config, EnvNames) {
  EXPECT_EQ(env_name("limits.max_concurrent"), "CHORUS_LIMITS_MAX_CONCURRENT");
  EXPECT_EQ(env_name("port"), "CHORUS_PORT");
}

TEST(Config, CacheTableAndWarmupPhrases) {
  ServerConfig config;
  apply_config_file(config, write_file(
      "[cache]\nenabled = false\nmemory_bytes = 1000\ndisk_dir = \"/tmp/c\"\n"
      "[[cache.warmup]]\nvoice = \"alloy\"\ntext = \"Hello.\"\n"
      "[[cache.warmup]]\nvoice = \"espeak:fr\"\ntext = \"Salut.\"\nformat = \"wav\"\n"
      "language = \"fr\"\nspeed = 1.5\n"));
  EXPECT_FALSE(config.cache.enabled);
  EXPECT_EQ(config.cache.memory_bytes, 1000u);
  EXPECT_EQ(config.cache.disk_dir, "/tmp/c");
  ASSERT_EQ(config.cache.warmup.size(), 2u);
  EXPECT_EQ(config.cache.warmup[0].format, "mp3");
  EXPECT_FALSE(config.cache.warmup[0].language.has_value());
  EXPECT_EQ(config.cache.warmup[1].voice, "espeak:fr");
  EXPECT_EQ(config.cache.warmup[1].format, "wav");
  EXPECT_EQ(config.cache.warmup[1].language, "fr");
  EXPECT_DOUBLE_EQ(config.cache.warmup[1].speed, 1.5);
  config.Validate();

  // What `config show` prints reads back to the same phrases.
  std::string shown = config_to_toml(config);
  ServerConfig reread;
  apply_config_file(reread, write_file(shown));
  ASSERT_EQ(reread.cache.warmup.size(), 2u);
  EXPECT_EQ(reread.cache.warmup[1].text, "Salut.");
  EXPECT_EQ(reread.cache.warmup[1].language, "fr");

  EXPECT_THROW(apply_config_file(config, write_file("[[cache.warmup]]\nvoice = 1\n")),
               std::invalid_argument);
  EXPECT_THROW(apply_config_file(config, write_file("[[cache.warmup]]\ncolour = \"red\"\n")),
               std::invalid_argument);
  EXPECT_THROW(apply_config_file(config, write_file("[cache]\nenabled = \"yes\"\n")),
               std::invalid_argument);
  ServerConfig bad;
  apply_config_file(bad, write_file("[[cache.warmup]]\nvoice = \"alloy\"\ntext = \"Hi\"\n"
                                    "format = \"ogg\"\n"));
  EXPECT_THROW(bad.Validate(), std::invalid_argument);
}

TEST(Config, CacheRedisKeys) {
  ServerConfig config;
  EXPECT_TRUE(config.cache.redis_url.empty());  // no Redis tier unless asked
  EXPECT_EQ(config.cache.redis_ttl_seconds, 7 * 24 * 3600);
  apply_config_file(config, write_file(
      "[cache]\nredis_url = \"redis://:pw-in-file@10.0.0.5:6380/2\"\nredis_ttl_seconds = 60\n"
      "redis_max_entry_bytes = 100000\nredis_timeout_ms = 50\n"));
  EXPECT_EQ(config.cache.redis_url, "redis://:pw-in-file@10.0.0.5:6380/2");
  EXPECT_EQ(config.cache.redis_ttl_seconds, 60);
  EXPECT_EQ(config.cache.redis_max_entry_bytes, 100000u);
  EXPECT_EQ(config.cache.redis_timeout_ms, 50);
  config.Validate();
  const std::string shown = config_to_toml(config);
  EXPECT_EQ(shown.find("pw-in-file"), std::string::npos);
  EXPECT_NE(shown.find("redis_url = 'redis://:***@10.0.0.5:6380/2'  # masked"),
            std::string::npos) << shown;
  EXPECT_EQ(config.ToString().find("pw-in-file"), std::string::npos);

  EXPECT_THROW(apply_config_file(config, write_file("[cache]\nredis_ttl_seconds = 0\n")),
               std::invalid_argument);
  EXPECT_THROW(apply_config_file(config, write_file("[cache]\nredis_timeout_ms = 0\n")),
               std::invalid_argument);
  ServerConfig bad;
  bad.cache.redis_url = "http://not-redis";
  EXPECT_THROW(bad.Validate(), std::invalid_argument);
}

TEST(Config, CacheKeysFromTheEnvironment) {
  ServerConfig config;
  setenv("CHORUS_CACHE_ENABLED", "false", 1);
  setenv("CHORUS_CACHE_WARMUP", "[{ voice = \"nova\", text = \"Hi.\" }]", 1);
  setenv("CHORUS_LIMITS_IDLE_TIMEOUT_S", "7", 1);
  apply_environment(config);
  unsetenv("CHORUS_CACHE_ENABLED");
  unsetenv("CHORUS_CACHE_WARMUP");
  unsetenv("CHORUS_LIMITS_IDLE_TIMEOUT_S");
  EXPECT_FALSE(config.cache.enabled);
  ASSERT_EQ(config.cache.warmup.size(), 1u);
  EXPECT_EQ(config.cache.warmup[0].voice, "nova");
  EXPECT_EQ(config.idle_timeout_seconds, 7);
  setenv("CHORUS_CACHE_ENABLED", "maybe", 1);
  EXPECT_THROW(apply_environment(config), std::invalid_argument);
  unsetenv("CHORUS_CACHE_ENABLED");
}

// A document already in memory reads like the same file; errors name the given path, line
// and column.
TEST(ConfigFile, AppliesTextLikeAFile) {
  ServerConfig config;
  apply_config_text(config, "port = 9002\n[limits]\nmax_queued = 3\n", "mem.toml");
  EXPECT_EQ(config.port, 9002);
  EXPECT_EQ(config.router.admission.max_queued, 3u);
  try {
    apply_config_text(config, "port = 1\nport = [\n", "mem.toml");
    FAIL() << "a broken document was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).rfind("mem.toml:2:", 0), 0u) << e.what();
  }
  try {
    apply_config_text(config, "[limits]\nmax_queud = 3\n", "mem.toml");
    FAIL() << "an unknown key was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("limits.max_queud"), std::string::npos) << e.what();
  }
}

// Found by the config fuzz target (tests/fuzz/regressions/config/): a float where an integer
// belongs was converted by an undefined cast; it is refused like any other wrong type.
TEST(ConfigFile, FloatForAnIntegerKeyIsRefused) {
  ServerConfig config;
  for (const char* text : {"port = 1e300\n", "port = 8880.0\n", "[limits]\nmax_queued = -1e19\n"}) {
    try {
      apply_config_text(config, text, "mem.toml");
      FAIL() << text;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("expected an integer"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(config.port, ServerConfig{}.port);
}

// The same for millisecond keys (found by the config fuzz target in a 10-million run).
TEST(ConfigFile, FloatForAMillisecondKeyIsRefused) {
  ServerConfig config;
  for (const char* text : {"[limits]\nqueue_wait_ms = 3888888888888888888888888888888.0\n",
                           "[routing]\nbreaker_cool_down_ms = 1e300\n",
                           "[limits]\nqueue_wait_ms = 30.0\n"}) {
    try {
      apply_config_text(config, text, "mem.toml");
      FAIL() << text;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("non-negative integer (milliseconds)"),
                std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(config.router.admission.max_wait, ServerConfig{}.router.admission.max_wait);
}

// [[engines.remote]]: one EngineOptions per table, unknown keys refused, the API key masked by
// `config show`, and the shown text read back to the same settings.
TEST(Config, RemoteEngineTables) {
  ServerConfig config;
  apply_config_file(config, write_file("[[engines.remote]]\nurl = \"http://gpu:8880\"\n"
                                       "name = \"gpu\"\napi_key = \"sk-top-secret\"\n"
                                       "max_streams = 2\nvoices = [\"alloy\"]\n"
                                       "[[engines.remote]]\nurl = \"http://kokoro:8880\"\n"));
  const auto& instances = config.engines.instances.at("remote");
  ASSERT_EQ(instances.size(), 2u);
  EXPECT_EQ(instances[0].text("name"), "gpu");
  EXPECT_EQ(instances[0].text("api_key"), "sk-top-secret");
  EXPECT_EQ(instances[0].integer("max_streams"), 2);
  EXPECT_EQ(instances[0].list("voices"), std::vector<std::string>{"alloy"});
  EXPECT_EQ(instances[1].text("url"), "http://kokoro:8880");
  EXPECT_FALSE(instances[1].has("name"));

  const std::string shown = config_to_toml(config);
  EXPECT_EQ(shown.find("sk-top-secret"), std::string::npos) << shown;
  EXPECT_NE(shown.find("api_key = " + quote_toml("***")), std::string::npos) << shown;
  EXPECT_NE(shown.find("url = " + quote_toml("http://kokoro:8880")), std::string::npos) << shown;
  ServerConfig reread;
  apply_config_file(reread, write_file(shown));
  ASSERT_EQ(reread.engines.instances.at("remote").size(), 2u);
  EXPECT_EQ(reread.engines.instances.at("remote")[0].text("name"), "gpu");

  ServerConfig typo;
  EXPECT_THROW(apply_config_file(typo, write_file("[[engines.remote]]\nurl = \"http://a:1\"\n"
                                                  "api_kee = \"x\"\n")),
               std::invalid_argument);
  EXPECT_THROW(apply_config_file(typo, write_file("[[engines.remote]]\nurl = \"http://a:1\"\n"
                                                  "max_streams = 0\n")),
               std::invalid_argument);
  EXPECT_THROW(apply_config_file(typo, write_file("[engines]\nremote = \"http://a:1\"\n")),
               std::invalid_argument);
}

TEST(Config, RemoteEnginesFromEnvironment) {
  ServerConfig config;
  setenv("CHORUS_ENGINES_REMOTE", "[{url = \"http://b:8880\", name = \"b\"}]", 1);
  apply_environment(config);
  unsetenv("CHORUS_ENGINES_REMOTE");
  ASSERT_EQ(config.engines.instances.at("remote").size(), 1u);
  EXPECT_EQ(config.engines.instances.at("remote")[0].text("name"), "b");
}

}  // namespace
}  // namespace chorus

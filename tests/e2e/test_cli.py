"""The command line: `echo 'Hello' | chorus say -o hello.wav` just works."""
import subprocess

from audio_check import decode, duration, probe, rms


def test_say_from_stdin_to_wav(chorus_binary, tmp_path):
    out = tmp_path / "hello.wav"
    subprocess.run([chorus_binary, "say", "-o", str(out)], input=b"Hello world.", check=True,
                   timeout=60)
    data = out.read_bytes()
    # A file on disk gets exact RIFF sizes, not the streaming placeholder.
    assert int.from_bytes(data[4:8], "little") == len(data) - 8
    samples = decode(data, "wav")
    assert duration(samples) > 0.5 and rms(samples) > 0.02


def test_say_argument_to_stdout_mp3(chorus_binary):
    result = subprocess.run([chorus_binary, "say", "--format", "mp3", "--voice", "espeak:de",
                             "Guten Tag."], capture_output=True, check=True, timeout=60)
    assert probe(result.stdout, "mp3")[0]["codec_name"] == "mp3"


def test_say_format_from_extension(chorus_binary, tmp_path):
    out = tmp_path / "x.flac"
    subprocess.run([chorus_binary, "say", "-o", str(out), "--speed", "1.5", "Testing."],
                   check=True, timeout=60)
    assert probe(out.read_bytes(), "flac")[0]["codec_name"] == "flac"


def test_say_rejects_unknown_voice(chorus_binary):
    result = subprocess.run([chorus_binary, "say", "--voice", "nobody", "Hi."],
                            capture_output=True, timeout=60)
    assert result.returncode != 0
    assert b"Unknown voice" in result.stderr


def test_voices_command(chorus_binary):
    result = subprocess.run([chorus_binary, "voices", "--language", "fr"], capture_output=True,
                            check=True, timeout=60)
    assert b"espeak:fr" in result.stdout


def test_help_everywhere(chorus_binary):
    for args in ([], ["serve"], ["say"], ["voices"]):
        result = subprocess.run([chorus_binary, *args, "--help"], capture_output=True, timeout=30)
        assert result.returncode == 0
        assert b"Usage" in result.stdout or b"usage" in result.stdout.lower()

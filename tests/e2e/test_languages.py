"""The 17 XTTS-v2 languages each give non-silent speech from the built-in engine."""
import pytest

from audio_check import decode, duration, rms

SENTENCES = {
    "en": "Good morning, how are you today?",
    "es": "Buenos días, ¿cómo estás hoy?",
    "fr": "Bonjour, comment allez-vous aujourd'hui ?",
    "de": "Guten Morgen, wie geht es dir heute?",
    "it": "Buongiorno, come stai oggi?",
    "pt": "Bom dia, como você está hoje?",
    "pl": "Dzień dobry, jak się dzisiaj masz?",
    "tr": "Günaydın, bugün nasılsın?",
    "ru": "Доброе утро, как у тебя дела сегодня?",
    "nl": "Goedemorgen, hoe gaat het vandaag met je?",
    "cs": "Dobré ráno, jak se dnes máš?",
    "ar": "صباح الخير، كيف حالك اليوم؟",
    "zh": "早上好，你今天好吗？",
    "ja": "おはようございます、きょうはげんきですか。",
    "hu": "Jó reggelt, hogy vagy ma?",
    "ko": "좋은 아침입니다, 오늘 기분이 어떠세요?",
    "hi": "सुप्रभात, आज आप कैसे हैं?",
}


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_language_speaks(server, language):
    status, headers, body = server.speech(input=SENTENCES[language], voice="alloy",
                                          language=language, response_format="wav")
    assert status == 200, body
    assert headers["X-Chorus-Language"] == language
    samples = decode(body, "wav")
    assert duration(samples) > 0.8
    assert rms(samples) > 0.02


def test_languages_sound_different(server):
    # The same digits read in three languages must not be the same audio.
    bodies = []
    for language in ("en", "de", "fr"):
        _, _, body = server.speech(input="1 2 3 4 5", voice="alloy", language=language,
                                   response_format="pcm")
        bodies.append(body)
    assert len(set(bodies)) == 3

package io.callvault.dialect.comdesign;

/** The vendor's error codes, each with its Japanese meaning as the vendor documents it. */
enum ComdesignError {
    MISSING_PARAMETER("リクエストパラメータ不足"),
    INVALID_PARAMETER("存在しないリクエストパラメータ"),
    TENANT_NOT_PERMITTED("許可されていないテナントの情報要求"),
    AUDIO_EXPIRED("31日以上前の音声データを要求"),
    CALL_NOT_COMPLETED("未完了の通話に対する取得要求"),
    TOO_MANY_REQUESTS("リクエスト回数超過"),
    UNAUTHORIZED("認証エラー"),
    INTERNAL_ERROR("内部エラー");

    private final String japanese;

    ComdesignError(String japanese) {
        this.japanese = japanese;
    }

    String japanese() {
        return japanese;
    }
}

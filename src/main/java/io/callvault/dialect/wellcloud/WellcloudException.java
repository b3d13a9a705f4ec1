package io.callvault.dialect.wellcloud;

/** A Wellcloud error: its status code (448, 425…) and the vendor's message. */
class WellcloudException extends RuntimeException {

    static final int NO_RECORDING_FILE = 448;
    static final int NO_SUCH_RECORD = 425;

    private final int status;

    WellcloudException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static WellcloudException noRecordingFile() {
        return new WellcloudException(NO_RECORDING_FILE, "录音文件不存在");
    }

    static WellcloudException noSuchRecord() {
        return new WellcloudException(NO_SUCH_RECORD, "根据录音id找不到这通记录");
    }
}

package io.logjms.broker.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens the file channels of segment and index files. The default is {@link FileChannel#open}; tests
 * substitute channels that fail on demand to exercise the offline path.
 */
@FunctionalInterface
public interface FileChannelOpener {
    FileChannelOpener DEFAULT = FileChannel::open;

    FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException;
}

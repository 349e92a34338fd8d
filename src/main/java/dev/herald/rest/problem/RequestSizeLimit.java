package dev.herald.rest.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@value #MAX_BODY_BYTES} bytes with 413: at once when the {@code Content-Length} says
 * so, and while reading when the body comes without a length.
 */
@Provider
@PreMatching
public class RequestSizeLimit implements ContainerRequestFilter, ReaderInterceptor {

    /** The largest body the REST API reads: 64 KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String DETAIL_TOO_LARGE = "The body is larger than " + MAX_BODY_BYTES + " bytes";

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BODY_BYTES) {
            request.abortWith(Problem.of(413, DETAIL_TOO_LARGE).toResponse());
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new LimitedInputStream(context.getInputStream()));
        return context.proceed();
    }

    /** Counts what is read and stops at the limit. */
    private static final class LimitedInputStream extends FilterInputStream {

        private long read;

        LimitedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > MAX_BODY_BYTES) {
                throw new ProblemException(413, DETAIL_TOO_LARGE);
            }
        }
    }
}

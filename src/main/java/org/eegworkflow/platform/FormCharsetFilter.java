package org.eegworkflow.platform;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;

/**
 * Form fields are UTF-8 unless the client says otherwise. Browsers and HTTP clients send the parts of a
 * multipart/form-data body without a charset, meaning the page's, which is UTF-8 (RFC 7578, section 5.1.2); a REST
 * runtime that falls back to US-ASCII for them (RESTEasy) turns every accented letter of a name, an email or a
 * workflow into a replacement character. RESTEasy takes the fallback from a request attribute, which other runtimes
 * ignore; the servlet's own default covers url-encoded forms read through the servlet API. Forwards too: the old
 * client's file browser connector reaches the API by one.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD})
public class FormCharsetFilter implements Filter {
    static final String RESTEASY_PART_CHARSET = "resteasy.provider.multipart.inputpart.defaultCharset";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(RESTEASY_PART_CHARSET, "UTF-8");
        if (request.getCharacterEncoding() == null) {
            request.setCharacterEncoding("UTF-8");
        }
        chain.doFilter(request, response);
    }
}

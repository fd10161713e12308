package org.eegworkflow.files.boundary;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The old web client calls its file browser's connector at {@code /elfinder/connector}, outside the API's
 * {@code /api}. This servlet forwards those requests, untouched, to {@link ElFinderConnector} inside the API, so the
 * connector is an ordinary REST resource: the same token check, cross-site check, error shape and form handling as
 * every endpoint, on RESTEasy and Jersey alike (a second JAX-RS application would have been given every resource of
 * the first one a second time).
 */
@WebServlet(urlPatterns = ElFinderForward.PATH, asyncSupported = true)
public class ElFinderForward extends HttpServlet {
    static final String PATH = "/elfinder/connector";
    static final String TARGET = "/api" + PATH;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String query = request.getQueryString();
        request.getRequestDispatcher(query == null ? TARGET : TARGET + "?" + query).forward(request, response);
    }
}

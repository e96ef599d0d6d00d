package io.logjms.examples.jakartaee;

import jakarta.ejb.EJB;
import jakarta.jms.JMSException;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /orders?order=...} sends an order; {@code GET /orders} lists what the listener received.
 * <pre>
 * curl -X POST 'http://localhost:8080/logjms-jakarta-ee-example/orders?order=book'
 * curl http://localhost:8080/logjms-jakarta-ee-example/orders
 * </pre>
 */
@WebServlet("/orders")
public class OrdersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private OrderSender sender;

    @EJB
    private ReceivedOrders received;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String order = request.getParameter("order");
        if (order == null || order.isBlank()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "give the order as ?order=...");
            return;
        }
        try {
            sender.send(order);
        } catch (JMSException e) {
            throw new ServletException("could not send the order: " + e.getMessage(), e);
        }
        response.setContentType("text/plain");
        response.getWriter().print("sent " + order + "\n");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        for (String order : received.latest()) {
            response.getWriter().print(order + "\n");
        }
    }
}

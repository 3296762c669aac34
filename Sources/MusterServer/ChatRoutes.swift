import Hummingbird
import MusterChat
import MusterCore

/// The chat platforms' endpoints: every adapter's, each switched on or off by its secrets.
struct ChatRoutes: Sendable {
    let adapters: ChatAdapters

    func add(to router: Router<BasicRequestContext>) {
        for endpoint in adapters.all.flatMap(\.endpoints) {
            router.post(RouterPath(endpoint.path)) { request, _ -> Response in
                switch await HTTPBridge.chatRequest(request, limit: MusterServer.maximumChatBody) {
                case .failure(let rejection): return HTTPBridge.response(.rejected(rejection))
                case .success(let chat): return HTTPBridge.response(await endpoint.handle(chat))
                }
            }
        }
    }
}

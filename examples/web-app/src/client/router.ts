// The page's routes live in the URL's hash (#/board, #/lead/ID …), so a reload or a shared link opens
// the same view and the server serves one page.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { readonly page: 'board' }
  | { readonly page: 'list' }
  | { readonly page: 'lead'; readonly leadId: string }
  | { readonly page: 'import' }
  | { readonly page: 'analytics' };

export function routeOf(hash: string): Route {
  const [page, id] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'lead' && id !== undefined && id !== '') return { page: 'lead', leadId: decodeURIComponent(id) };
  if (page === 'list' || page === 'import' || page === 'analytics') return { page };
  return { page: 'board' };
}

export const linkTo = (route: Route): string =>
  route.page === 'lead' ? `#/lead/${encodeURIComponent(route.leadId)}` : `#/${route.page}`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(location.hash));
  useEffect(() => {
    const follow = (): void => setRoute(routeOf(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}

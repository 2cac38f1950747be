import { Link, NavLink, Outlet } from 'react-router';
import { useAuth } from '@/features/auth/AuthProvider';
import { TeamSwitcher } from '@/features/teams/components/TeamSwitcher';
import { cn } from '@/lib/cn';
import { useTheme } from '@/lib/useTheme';
import { Button } from '../ui/button';

export function AppShell() {
  const { user } = useAuth();
  const { theme, toggle } = useTheme();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    cn(
      'rounded px-2 py-1 text-sm',
      isActive
        ? 'bg-muted font-medium text-foreground'
        : 'text-muted-foreground hover:text-foreground',
    );
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-30 border-b border-border bg-card/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4">
          <Link to="/gateways" className="font-semibold whitespace-nowrap">
            ◆ Gateway
          </Link>
          {user && (
            <nav className="flex gap-1" aria-label="Main">
              <NavLink to="/gateways" className={navClass} data-testid="nav-gateways">
                Gateways
              </NavLink>
              <NavLink to="/team" className={navClass} data-testid="nav-teams">
                Teams
              </NavLink>
              <NavLink to="/profile" className={navClass} data-testid="nav-profile">
                Profile
              </NavLink>
              {user.role === 'admin' && (
                <>
                  <NavLink to="/admin" className={navClass} data-testid="nav-admin">
                    Admin
                  </NavLink>
                  <NavLink to="/audit" className={navClass} data-testid="nav-audit">
                    Audit
                  </NavLink>
                </>
              )}
            </nav>
          )}
          <div className="ml-auto flex min-w-0 items-center gap-2">
            {user && <TeamSwitcher />}
            {user && (
              <span
                className="hidden truncate text-sm text-muted-foreground sm:inline"
                data-testid="current-user"
              >
                {user.username}
              </span>
            )}
            <Button
              variant="ghost"
              size="icon"
              onClick={toggle}
              aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
              data-testid="theme-toggle"
            >
              {theme === 'dark' ? '☀' : '☾'}
            </Button>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}

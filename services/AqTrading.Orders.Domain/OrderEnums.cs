namespace AqTrading.Orders.Domain;

public enum OrderSide { Buy, Sell }

public enum OrderType { Market, Limit, Stop, StopLimit }

/// <summary>IOC (immediate-or-cancel) is allowed only for market and limit orders; see <see cref="OrderTerms.Validate"/>.</summary>
public enum TimeInForce { Day, Gtc, Ioc }
